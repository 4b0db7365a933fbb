package org.appmsg.adapter.persistence;

import java.time.Instant;
import org.appmsg.adapter.persistence.Tables.UserPermissions;
import org.appmsg.application.port.out.PushPermissions;
import org.appmsg.domain.shared.UserId;

/** The {@link PushPermissions} port on jOOQ: one row of table user_permission (V6) per user ever granted. */
final class JooqPushPermissions implements PushPermissions {

    private final Database db;

    JooqPushPermissions(Database db) {
        this.db = db;
    }

    @Override
    public boolean mayBroadcast(UserId user) {
        return db.query(dsl -> dsl.fetchExists(UserPermissions.TABLE, UserPermissions.USER_ID.eq(user.value()),
                UserPermissions.BROADCAST.eq(true)));
    }

    @Override
    public void setBroadcast(UserId user, boolean broadcast, Instant at) {
        long millis = at.toEpochMilli();
        db.execute(dsl -> dsl.insertInto(UserPermissions.TABLE)
                .set(UserPermissions.USER_ID, user.value())
                .set(UserPermissions.BROADCAST, broadcast)
                .set(UserPermissions.UPDATED, millis)
                .onConflict(UserPermissions.USER_ID)
                .doUpdate()
                .set(UserPermissions.BROADCAST, broadcast)
                .set(UserPermissions.UPDATED, millis)
                .execute());
    }
}
