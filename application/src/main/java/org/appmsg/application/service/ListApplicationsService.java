package org.appmsg.application.service;

import java.util.Comparator;
import java.util.List;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.ListApplicationsUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;

/** The enabled applications of the signed-in user's tenant, ordered by name then id. */
public final class ListApplicationsService implements ListApplicationsUseCase {

    private static final Comparator<Application> BY_NAME = Comparator.comparing(Application::name)
            .thenComparing(a -> a.id().value());

    private final AuthenticateUserUseCase authenticate;
    private final DirectoryRepository directory;

    public ListApplicationsService(AuthenticateUserUseCase authenticate, DirectoryRepository directory) {
        this.authenticate = authenticate;
        this.directory = directory;
    }

    @Override
    public Result list(Query query) {
        return authenticate.authenticate(query.userToken())
                .<Result>map(a -> new Result.Applications(enabledOf(directory, a.user().tenant())))
                .orElseGet(Result.Unauthorized::new);
    }

    /** The tenant's enabled applications, ordered by name then id; shared with the directory search. */
    static List<Application> enabledOf(DirectoryRepository directory, TenantId tenant) {
        return directory.applicationsOf(tenant).stream()
                .filter(Application::enabled)
                .sorted(BY_NAME)
                .toList();
    }
}
