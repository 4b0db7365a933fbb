package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.QuotaPermissions;
import org.appmsg.domain.shared.AppId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link QuotaPermissions} does, whatever stores it. */
public abstract class QuotaPermissionsContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

    private QuotaPermissions permissions;

    /** The store under test, asked for before each test; may be shared: each test uses ids of its own. */
    protected abstract QuotaPermissions permissions();

    @BeforeEach
    void setUpPermissions() {
        permissions = permissions();
    }

    protected static AppId app() {
        return new AppId("qp-" + RUN + "-" + SEQ.incrementAndGet());
    }

    @Test
    void an_application_never_granted_may_not_set_quotas() {
        assertThat(permissions.maySetQuotas(app())).isFalse();
    }

    @Test
    void a_grant_lets_the_application_set_quotas_a_revoke_takes_it_back_and_twice_is_once() {
        AppId app = app();
        AppId other = app();

        permissions.setMaySetQuotas(app, true, AT);
        permissions.setMaySetQuotas(app, true, AT);
        assertThat(permissions.maySetQuotas(app)).isTrue();
        assertThat(permissions.maySetQuotas(other)).isFalse();

        permissions.setMaySetQuotas(app, false, AT.plusSeconds(1));
        permissions.setMaySetQuotas(app, false, AT.plusSeconds(1));
        assertThat(permissions.maySetQuotas(app)).isFalse();

        permissions.setMaySetQuotas(app, true, AT.plusSeconds(2));
        assertThat(permissions.maySetQuotas(app)).isTrue();
    }

    @Test
    void an_application_id_of_the_longest_allowed_length_can_be_granted() {
        String prefix = app().value() + "-";
        AppId longest = new AppId(prefix + "x".repeat(64 - prefix.length()));

        permissions.setMaySetQuotas(longest, true, AT);

        assertThat(permissions.maySetQuotas(longest)).isTrue();
    }
}
