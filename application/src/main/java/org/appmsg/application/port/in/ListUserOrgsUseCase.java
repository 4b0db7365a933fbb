package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.shared.UserId;

/** The orgs a user belongs to, for an application in scope (R14, {@code getOrgList}). */
@FunctionalInterface
public interface ListUserOrgsUseCase {

    Result list(Query query);

    record Query(Secret appToken, UserId user) {
        public Query {
            Objects.requireNonNull(appToken, "appToken");
            Objects.requireNonNull(user, "user");
        }
    }

    sealed interface Result {
        record Orgs(List<Org> orgs) implements Result {
            public Orgs {
                orgs = List.copyOf(orgs);
            }
        }

        record Unauthorized() implements Result {}

        /** The user is unknown or outside the application's scope: one answer for both. */
        record NotFound(String reason) implements Result {}
    }
}
