package org.appmsg.domain.user;

import java.util.Objects;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;

/** A person in one tenant's directory. Users are mastered elsewhere and synced in by applications. */
public record User(UserId id, TenantId tenant, UserProfile profile, PasswordHash password) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(password, "password");
    }

    public User withPassword(PasswordHash newPassword) {
        return new User(id, tenant, profile, newPassword);
    }
}
