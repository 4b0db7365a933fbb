package org.appmsg.adapter.persistence;

import java.time.Instant;
import org.appmsg.adapter.persistence.Tables.UserPermissions;
import org.appmsg.application.port.out.QuotaPermissions;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.shared.AppId;

/**
 * The {@link QuotaPermissions} port on jOOQ, in table user_permission (V6): one row per application ever granted,
 * keyed by the application's name {@code {appId}@app}, with {@code broadcast} holding the grant. No user id holds
 * an '@', so these rows never meet a user's, and no schema change was needed; a column of its own would be the
 * clean home once a migration is due.
 */
final class JooqQuotaPermissions implements QuotaPermissions {

    private final Database db;

    JooqQuotaPermissions(Database db) {
        this.db = db;
    }

    private static String key(AppId application) {
        return application.value() + Kind.APP.suffix();
    }

    @Override
    public boolean maySetQuotas(AppId application) {
        return db.query(dsl -> dsl.fetchExists(UserPermissions.TABLE, UserPermissions.USER_ID.eq(key(application)),
                UserPermissions.BROADCAST.eq(true)));
    }

    @Override
    public void setMaySetQuotas(AppId application, boolean granted, Instant at) {
        long millis = at.toEpochMilli();
        db.execute(dsl -> dsl.insertInto(UserPermissions.TABLE)
                .set(UserPermissions.USER_ID, key(application))
                .set(UserPermissions.BROADCAST, granted)
                .set(UserPermissions.UPDATED, millis)
                .onConflict(UserPermissions.USER_ID)
                .doUpdate()
                .set(UserPermissions.BROADCAST, granted)
                .set(UserPermissions.UPDATED, millis)
                .execute());
    }
}
