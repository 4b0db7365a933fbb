package org.appmsg.adapter.persistence;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.appmsg.adapter.persistence.Tables.Shields;
import org.appmsg.application.port.out.ShieldRepository;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.UserId;

/** The {@link ShieldRepository} port on jOOQ (table shield, V3); every row has type 1 (application messages). */
final class JooqShieldRepository implements ShieldRepository {

    /** Legacy {@code shield_msg.type} of a shield against an application's messages. */
    static final int APPLICATION_MESSAGES = 1;
    /** User ids per IN list: far below every server's bind-variable limit. */
    private static final int CHUNK = 500;

    private final Database db;
    private final Clock clock;

    JooqShieldRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public boolean shield(UserId user, AppId app, String memo) {
        return db.insertIfAbsent(dsl -> dsl.insertInto(Shields.TABLE)
                .set(Shields.USER_ID, user.value())
                .set(Shields.APP_ID, app.value())
                .set(Shields.TYPE, APPLICATION_MESSAGES)
                .set(Shields.MEMO, memo)
                .set(Shields.CREATED, clock.millis())
                .onConflict(Shields.USER_ID, Shields.APP_ID, Shields.TYPE)
                .doNothing()
                .execute());
    }

    @Override
    public boolean unshield(UserId user, AppId app) {
        return db.query(dsl -> dsl.deleteFrom(Shields.TABLE)
                .where(Shields.USER_ID.eq(user.value()), Shields.APP_ID.eq(app.value()),
                        Shields.TYPE.eq(APPLICATION_MESSAGES))
                .execute()) > 0;
    }

    @Override
    public boolean isShielded(UserId user, AppId app) {
        return db.query(dsl -> dsl.fetchExists(Shields.TABLE, Shields.USER_ID.eq(user.value()),
                Shields.APP_ID.eq(app.value()), Shields.TYPE.eq(APPLICATION_MESSAGES)));
    }

    @Override
    public Set<UserId> shieldersOf(AppId app, Collection<UserId> among) {
        Set<UserId> shielding = new HashSet<>();
        for (List<UserId> chunk : Database.chunks(among, CHUNK)) {
            List<String> ids = chunk.stream().map(UserId::value).toList();
            db.query(dsl -> dsl.select(Shields.USER_ID).from(Shields.TABLE)
                    .where(Shields.USER_ID.in(ids), Shields.APP_ID.eq(app.value()),
                            Shields.TYPE.eq(APPLICATION_MESSAGES))
                    .fetch(r -> new UserId(r.value1())))
                    .forEach(shielding::add);
        }
        return Set.copyOf(shielding);
    }
}
