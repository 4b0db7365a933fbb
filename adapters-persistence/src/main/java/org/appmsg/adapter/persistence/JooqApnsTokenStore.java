package org.appmsg.adapter.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.appmsg.adapter.persistence.Tables.ApnsTokens;
import org.appmsg.application.port.out.ApnsTokenStore;
import org.appmsg.domain.apns.DeviceToken;
import org.appmsg.domain.shared.UserId;

/** The {@link ApnsTokenStore} port on jOOQ: table apns_token (V7), one row per token. */
final class JooqApnsTokenStore implements ApnsTokenStore {

    /** User ids per IN list: far below every server's bind-variable limit. */
    private static final int CHUNK = 500;

    private final Database db;

    JooqApnsTokenStore(Database db) {
        this.db = db;
    }

    @Override
    public void bind(Registration r) {
        // one transaction: the token leaves its old device and the device its old token, then the row goes in; a
        // concurrent bind of the same token or device makes the insert a duplicate, and the whole is decided again
        db.transactionDecidingAgainOnDuplicates(dsl -> {
            dsl.deleteFrom(ApnsTokens.TABLE)
                    .where(ApnsTokens.TOKEN.eq(r.token().value())
                            .or(ApnsTokens.USER_ID.eq(r.user().value()).and(ApnsTokens.DEVICE_ID.eq(r.device()))))
                    .execute();
            return dsl.insertInto(ApnsTokens.TABLE)
                    .set(ApnsTokens.TOKEN, r.token().value())
                    .set(ApnsTokens.USER_ID, r.user().value())
                    .set(ApnsTokens.DEVICE_ID, r.device())
                    .set(ApnsTokens.REGISTERED, r.registered().toEpochMilli())
                    .execute();
        });
    }

    @Override
    public boolean unbindDevice(UserId user, String device) {
        return db.query(dsl -> dsl.deleteFrom(ApnsTokens.TABLE)
                .where(ApnsTokens.USER_ID.eq(user.value()), ApnsTokens.DEVICE_ID.eq(device))
                .execute()) > 0;
    }

    @Override
    public boolean unbind(UserId user, DeviceToken token) {
        return db.query(dsl -> dsl.deleteFrom(ApnsTokens.TABLE)
                .where(ApnsTokens.TOKEN.eq(token.value()), ApnsTokens.USER_ID.eq(user.value()))
                .execute()) > 0;
    }

    @Override
    public boolean remove(DeviceToken token) {
        return db.query(dsl -> dsl.deleteFrom(ApnsTokens.TABLE).where(ApnsTokens.TOKEN.eq(token.value())).execute()) > 0;
    }

    @Override
    public boolean removeIfRegisteredBefore(DeviceToken token, Instant instant) {
        return db.query(dsl -> dsl.deleteFrom(ApnsTokens.TABLE)
                .where(ApnsTokens.TOKEN.eq(token.value()), ApnsTokens.REGISTERED.lt(instant.toEpochMilli()))
                .execute()) > 0;
    }

    @Override
    public List<Registration> registrationsOf(Collection<UserId> users) {
        List<Registration> out = new ArrayList<>();
        for (List<UserId> chunk : Database.chunks(users, CHUNK)) {
            List<String> ids = chunk.stream().map(UserId::value).toList();
            out.addAll(db.query(dsl -> dsl.select(ApnsTokens.USER_ID, ApnsTokens.DEVICE_ID, ApnsTokens.TOKEN,
                            ApnsTokens.REGISTERED)
                    .from(ApnsTokens.TABLE)
                    .where(ApnsTokens.USER_ID.in(ids))
                    .fetch(rec -> new Registration(new UserId(rec.value1()), rec.value2(), new DeviceToken(rec.value3()),
                            Instant.ofEpochMilli(rec.value4())))));
        }
        return out;
    }
}
