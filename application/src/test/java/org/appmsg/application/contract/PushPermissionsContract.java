package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.PushPermissions;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PushPermissions} does, whatever stores it. */
public abstract class PushPermissionsContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

    private PushPermissions permissions;

    /** The store under test, asked for before each test; may be shared: each test uses ids of its own. */
    protected abstract PushPermissions permissions();

    @BeforeEach
    void setUpPermissions() {
        permissions = permissions();
    }

    private static UserId user() {
        return new UserId("pp-" + RUN + "-" + SEQ.incrementAndGet());
    }

    @Test
    void a_user_never_granted_may_not_broadcast() {
        assertThat(permissions.mayBroadcast(user())).isFalse();
    }

    @Test
    void a_grant_lets_the_user_broadcast_and_a_revoke_takes_it_back() {
        UserId user = user();

        permissions.setBroadcast(user, true, AT);
        assertThat(permissions.mayBroadcast(user)).isTrue();

        permissions.setBroadcast(user, false, AT.plusSeconds(1));
        assertThat(permissions.mayBroadcast(user)).isFalse();

        permissions.setBroadcast(user, true, AT.plusSeconds(2));
        assertThat(permissions.mayBroadcast(user)).isTrue();
    }

    @Test
    void granting_or_revoking_twice_is_the_same_as_once() {
        UserId granted = user();
        UserId revoked = user();

        permissions.setBroadcast(granted, true, AT);
        permissions.setBroadcast(granted, true, AT);
        permissions.setBroadcast(revoked, false, AT);
        permissions.setBroadcast(revoked, false, AT);

        assertThat(permissions.mayBroadcast(granted)).isTrue();
        assertThat(permissions.mayBroadcast(revoked)).isFalse();
    }

    @Test
    void the_permission_is_per_user_and_ids_differing_only_in_case_are_different_users() {
        String id = "Pp-" + RUN + "-" + SEQ.incrementAndGet();
        UserId user = new UserId(id);

        permissions.setBroadcast(user, true, AT);

        assertThat(permissions.mayBroadcast(user())).isFalse();
        assertThat(permissions.mayBroadcast(new UserId(id.toLowerCase()))).isFalse();
        assertThat(permissions.mayBroadcast(new UserId(id))).isTrue();
    }
}
