package org.appmsg.application.service;

import java.util.List;
import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.SearchDirectoryUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.user.User;

/**
 * Searches the signed-in user's own tenant: users through the repository's paged search; enabled
 * applications (few per tenant) by name in memory, ordered by name then id.
 */
public final class SearchDirectoryService implements SearchDirectoryUseCase {

    private final AuthenticateUserUseCase authenticate;
    private final UserRepository users;
    private final DirectoryRepository directory;

    public SearchDirectoryService(AuthenticateUserUseCase authenticate, UserRepository users,
            DirectoryRepository directory) {
        this.authenticate = authenticate;
        this.users = users;
        this.directory = directory;
    }

    @Override
    public Result search(Query query) {
        Optional<AuthenticateUserUseCase.Authenticated> auth = authenticate.authenticate(query.userToken());
        if (auth.isEmpty()) {
            return new Result.Unauthorized();
        }
        User caller = auth.get().user();
        return switch (query.target()) {
            case USER -> {
                UserRepository.Page page = users.search(caller.tenant(), query.key(), query.offset(), query.limit());
                yield new Result.Users(page.users(), page.total());
            }
            case APP -> {
                List<Application> matches = ListApplicationsService.enabledOf(directory, caller.tenant()).stream()
                        .filter(a -> a.name().contains(query.key()))
                        .toList();
                yield new Result.Applications(
                        matches.stream().skip(query.offset()).limit(query.limit()).toList(), matches.size());
            }
        };
    }
}
