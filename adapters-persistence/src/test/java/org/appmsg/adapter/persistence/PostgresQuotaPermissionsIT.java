package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.appmsg.application.contract.QuotaPermissionsContract;
import org.appmsg.application.port.out.QuotaPermissions;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresQuotaPermissionsIT extends QuotaPermissionsContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected QuotaPermissions permissions() {
        return store.persistence().quotaPermissions();
    }

    @Test
    void an_applications_grant_and_a_users_broadcast_of_the_same_id_are_apart() {
        AppId app = app();
        UserId user = new UserId(app.value());
        store.persistence().quotaPermissions().setMaySetQuotas(app, true, Instant.EPOCH);
        assertThat(store.persistence().pushPermissions().mayBroadcast(user)).isFalse();

        AppId other = app();
        store.persistence().pushPermissions().setBroadcast(new UserId(other.value()), true, Instant.EPOCH);
        assertThat(store.persistence().quotaPermissions().maySetQuotas(other)).isFalse();
    }
}
