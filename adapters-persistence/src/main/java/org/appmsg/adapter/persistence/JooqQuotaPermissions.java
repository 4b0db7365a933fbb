package org.appmsg.adapter.persistence;

import java.time.Instant;
import org.appmsg.adapter.persistence.Tables.ApplicationPermissions;
import org.appmsg.application.port.out.QuotaPermissions;
import org.appmsg.domain.shared.AppId;

/**
 * The {@link QuotaPermissions} port on jOOQ, in table application_permission (V11): one row per application ever
 * granted or revoked, {@code sync_quota} holding the grant. One primary-key read per {@code syncQuota} call.
 */
final class JooqQuotaPermissions implements QuotaPermissions {

    private final Database db;

    JooqQuotaPermissions(Database db) {
        this.db = db;
    }

    @Override
    public boolean maySetQuotas(AppId application) {
        return db.query(dsl -> dsl.fetchExists(ApplicationPermissions.TABLE,
                ApplicationPermissions.APPLICATION_ID.eq(application.value()),
                ApplicationPermissions.SYNC_QUOTA.eq(true)));
    }

    @Override
    public void setMaySetQuotas(AppId application, boolean granted, Instant at) {
        long millis = at.toEpochMilli();
        db.execute(dsl -> dsl.insertInto(ApplicationPermissions.TABLE)
                .set(ApplicationPermissions.APPLICATION_ID, application.value())
                .set(ApplicationPermissions.SYNC_QUOTA, granted)
                .set(ApplicationPermissions.UPDATED, millis)
                .onConflict(ApplicationPermissions.APPLICATION_ID)
                .doUpdate()
                .set(ApplicationPermissions.SYNC_QUOTA, granted)
                .set(ApplicationPermissions.UPDATED, millis)
                .execute());
    }
}
