package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.tenant.Application;

/** The enabled applications of the signed-in user's tenant ({@code getApplicationList}), ordered by name then id. */
@FunctionalInterface
public interface ListApplicationsUseCase {

    Result list(Query query);

    record Query(Secret userToken) {
        public Query {
            Objects.requireNonNull(userToken, "userToken");
        }
    }

    sealed interface Result {
        record Applications(List<Application> applications) implements Result {
            public Applications {
                applications = List.copyOf(applications);
            }
        }

        record Unauthorized() implements Result {}
    }
}
