package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.org.OrgMember;
import org.appmsg.domain.shared.OrgId;

/**
 * The direct members of an org (R14), for an application in scope or for a signed-in user of the org's
 * tenant ({@code getOrgUserList}, which the legacy server answered without any token).
 */
@FunctionalInterface
public interface ListOrgUsersUseCase {

    Result list(Query query);

    record Query(Caller caller, OrgId org) {
        public Query {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(org, "org");
        }
    }

    /** Who asks: an application or a user, each with its token. */
    sealed interface Caller {
        record Application(Secret token) implements Caller {
            public Application {
                Objects.requireNonNull(token, "token");
            }
        }

        record User(Secret token) implements Caller {
            public User {
                Objects.requireNonNull(token, "token");
            }
        }
    }

    sealed interface Result {
        record Members(List<OrgMember> members) implements Result {
            public Members {
                members = List.copyOf(members);
            }
        }

        /** The token is unknown, expired or disabled. */
        record Unauthorized() implements Result {}

        /** The org is unknown or outside the caller's scope: one answer for both. */
        record NotFound(String reason) implements Result {}
    }
}
