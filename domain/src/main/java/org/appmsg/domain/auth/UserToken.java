package org.appmsg.domain.auth;

import java.time.Instant;
import java.util.Objects;
import org.appmsg.domain.shared.UserId;

/** A user token as stored: its digest, its owner, the device it was issued to and when it expires. */
public record UserToken(String digest, UserId user, String deviceType, String deviceId, Instant expiresAt) {

    public UserToken {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean validAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
