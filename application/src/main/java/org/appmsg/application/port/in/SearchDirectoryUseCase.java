package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.user.User;

/**
 * A signed-in user searches its own tenant ({@code search}): users by nickname, login name or pinyin, or
 * enabled applications by name. Paged, with the total number of matches.
 */
@FunctionalInterface
public interface SearchDirectoryUseCase {

    int MAX_LIMIT = 200;

    Result search(Query query);

    record Query(Secret userToken, Target target, String key, int offset, int limit) {
        public Query {
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(target, "searchType");
            Text.bounded("searchKey", key, 128);
            if (offset < 0) {
                throw new DomainViolation("search.offset", "offset must be 0 or more");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new DomainViolation("search.limit", "limit must be 1-" + MAX_LIMIT);
            }
        }
    }

    enum Target { USER, APP }

    sealed interface Result {
        record Users(List<User> users, long total) implements Result {
            public Users {
                users = List.copyOf(users);
            }
        }

        record Applications(List<Application> applications, long total) implements Result {
            public Applications {
                applications = List.copyOf(applications);
            }
        }

        record Unauthorized() implements Result {}
    }
}
