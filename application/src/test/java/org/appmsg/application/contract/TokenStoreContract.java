package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.appmsg.application.port.out.TokenStore;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TokenStore} does, whatever stores it. Times are whole milliseconds, as stores keep them. */
public abstract class TokenStoreContract {

    private static final Instant EXPIRES = Instant.parse("2025-06-02T08:00:00.123Z");

    private TokenStore tokens;

    /** The store under test, asked for once before each test; it may be shared (tests use fresh digests). */
    protected abstract TokenStore tokens();

    @BeforeEach
    void setUpTokens() {
        tokens = tokens();
    }

    @Test
    void a_saved_token_is_found_by_its_digest() {
        UserToken token = token("android", "device-1", EXPIRES);
        tokens.save(token);
        assertThat(tokens.find(token.digest())).contains(token);
    }

    @Test
    void an_expired_token_is_still_found_so_that_the_caller_can_tell() {
        UserToken expired = token("ios", "device-2", Instant.parse("2001-01-01T00:00:00Z"));
        tokens.save(expired);
        assertThat(tokens.find(expired.digest())).contains(expired);
    }

    @Test
    void an_unknown_digest_is_not_found() {
        assertThat(tokens.find(freshDigest())).isEmpty();
    }

    @Test
    void a_deleted_token_is_no_longer_found() {
        UserToken token = token("android", "device-3", EXPIRES);
        tokens.save(token);
        tokens.delete(token.digest());
        assertThat(tokens.find(token.digest())).isEmpty();
    }

    @Test
    void deleting_an_unknown_digest_does_nothing() {
        UserToken kept = token("android", "device-4", EXPIRES);
        tokens.save(kept);
        tokens.delete(freshDigest());
        assertThat(tokens.find(kept.digest())).contains(kept);
    }

    @Test
    void tokens_of_one_user_on_two_devices_are_kept_apart() {
        UserToken phone = token("android", "phone", EXPIRES);
        UserToken tablet = new UserToken(freshDigest(), phone.user(), "ios", "tablet", EXPIRES.plusSeconds(1));
        tokens.save(phone);
        tokens.save(tablet);
        assertThat(tokens.find(phone.digest())).contains(phone);
        assertThat(tokens.find(tablet.digest())).contains(tablet);
    }

    private static UserToken token(String deviceType, String deviceId, Instant expiresAt) {
        return new UserToken(freshDigest(), new UserId("u-" + UUID.randomUUID()), deviceType, deviceId, expiresAt);
    }

    private static String freshDigest() {
        return new Secret(UUID.randomUUID().toString()).digest();
    }
}
