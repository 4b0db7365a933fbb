package org.appmsg.adapter.persistence;

import java.time.Clock;
import java.util.Optional;
import org.appmsg.adapter.persistence.Tables.AdminKeys;
import org.appmsg.application.port.out.AdminKeyStore;

/** The {@link AdminKeyStore} port on jOOQ: the single row of table admin_key. */
final class JooqAdminKeyStore implements AdminKeyStore {

    private static final int ROW = 1;

    private final Database db;
    private final Clock clock;

    JooqAdminKeyStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<String> digest() {
        return db.query(dsl -> dsl.select(AdminKeys.DIGEST).from(AdminKeys.TABLE).where(AdminKeys.ID.eq(ROW))
                .fetchOptional(AdminKeys.DIGEST));
    }

    @Override
    public void replace(String digest) {
        long now = clock.millis();
        db.execute(dsl -> dsl.insertInto(AdminKeys.TABLE)
                .set(AdminKeys.ID, ROW)
                .set(AdminKeys.DIGEST, digest)
                .set(AdminKeys.UPDATED, now)
                .onConflict(AdminKeys.ID)
                .doUpdate()
                .set(AdminKeys.DIGEST, digest)
                .set(AdminKeys.UPDATED, now)
                .execute());
    }
}
