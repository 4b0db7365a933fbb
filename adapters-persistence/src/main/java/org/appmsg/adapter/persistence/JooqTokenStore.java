package org.appmsg.adapter.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.appmsg.adapter.persistence.Tables.Tokens;
import org.appmsg.application.port.out.TokenStore;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.shared.UserId;

/** The {@link TokenStore} port on jOOQ (table user_token). */
final class JooqTokenStore implements TokenStore {

    private final Database db;
    private final Clock clock;

    JooqTokenStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void save(UserToken token) {
        long expiresAt = token.expiresAt().toEpochMilli();
        db.execute(dsl -> dsl.insertInto(Tokens.TABLE)
                .set(Tokens.DIGEST, token.digest())
                .set(Tokens.USER_ID, token.user().value())
                .set(Tokens.DEVICE_TYPE, token.deviceType())
                .set(Tokens.DEVICE_ID, token.deviceId())
                .set(Tokens.EXPIRES_AT, expiresAt)
                .set(Tokens.CREATED, clock.millis())
                .onConflict(Tokens.DIGEST)
                .doUpdate()
                .set(Tokens.USER_ID, token.user().value())
                .set(Tokens.DEVICE_TYPE, token.deviceType())
                .set(Tokens.DEVICE_ID, token.deviceId())
                .set(Tokens.EXPIRES_AT, expiresAt)
                .execute());
    }

    @Override
    public Optional<UserToken> find(String digest) {
        return db.query(dsl -> dsl.select(Tokens.DIGEST, Tokens.USER_ID, Tokens.DEVICE_TYPE, Tokens.DEVICE_ID,
                        Tokens.EXPIRES_AT)
                .from(Tokens.TABLE)
                .where(Tokens.DIGEST.eq(digest))
                .fetchOptional(r -> new UserToken(r.value1(), new UserId(r.value2()), r.value3(), r.value4(),
                        Instant.ofEpochMilli(r.value5()))));
    }

    @Override
    public void delete(String digest) {
        db.execute(dsl -> dsl.deleteFrom(Tokens.TABLE).where(Tokens.DIGEST.eq(digest)).execute());
    }
}
