package org.appmsg.adapter.persistence;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.appmsg.adapter.persistence.Tables.ApnsCredentials;
import org.appmsg.application.port.out.ApnsCredentialStore;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsEnvironment;
import org.appmsg.domain.apns.ApnsScope;
import org.jooq.Record;

/**
 * The {@link ApnsCredentialStore} port on jOOQ: table apns_credential (V7). The secrets are stored as they are
 * (the database is the operator's; see docs/apns.md) and never logged: the domain types print them as ***.
 */
final class JooqApnsCredentialStore implements ApnsCredentialStore {

    private static final String TOKEN = "token";

    private final Database db;

    JooqApnsCredentialStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(ApnsCredential c) {
        String keyId = "";
        String teamId = "";
        String secret;
        String password = "";
        switch (c.auth()) {
            case ApnsCredential.SigningKey k -> {
                keyId = k.keyId();
                teamId = k.teamId();
                secret = k.pkcs8Pem();
            }
            case ApnsCredential.Certificate cert -> {
                secret = Base64.getEncoder().encodeToString(cert.p12());
                password = cert.password();
            }
        }
        String k = keyId;
        String t = teamId;
        String p = password;
        db.transaction(dsl -> {
            dsl.deleteFrom(ApnsCredentials.TABLE)
                    .where(ApnsCredentials.SCOPE_KIND.eq(c.scope().kind().wire()),
                            ApnsCredentials.SCOPE_ID.eq(c.scope().id()))
                    .execute();
            return dsl.insertInto(ApnsCredentials.TABLE)
                    .set(ApnsCredentials.SCOPE_KIND, c.scope().kind().wire())
                    .set(ApnsCredentials.SCOPE_ID, c.scope().id())
                    .set(ApnsCredentials.TOPIC, c.topic())
                    .set(ApnsCredentials.ENVIRONMENT, c.environment().wire())
                    .set(ApnsCredentials.AUTH_KIND, c.auth().wire())
                    .set(ApnsCredentials.KEY_ID, k)
                    .set(ApnsCredentials.TEAM_ID, t)
                    .set(ApnsCredentials.SECRET, secret)
                    .set(ApnsCredentials.SECRET_PASSWORD, p)
                    .set(ApnsCredentials.UPDATED, c.updated().toEpochMilli())
                    .execute();
        });
    }

    @Override
    public Optional<ApnsCredential> find(ApnsScope scope) {
        return db.query(dsl -> dsl.selectFrom(ApnsCredentials.TABLE)
                .where(ApnsCredentials.SCOPE_KIND.eq(scope.kind().wire()), ApnsCredentials.SCOPE_ID.eq(scope.id()))
                .fetchOptional(JooqApnsCredentialStore::credential));
    }

    @Override
    public boolean delete(ApnsScope scope) {
        return db.query(dsl -> dsl.deleteFrom(ApnsCredentials.TABLE)
                .where(ApnsCredentials.SCOPE_KIND.eq(scope.kind().wire()), ApnsCredentials.SCOPE_ID.eq(scope.id()))
                .execute()) > 0;
    }

    @Override
    public List<ApnsCredential> all() {
        return db.query(dsl -> dsl.selectFrom(ApnsCredentials.TABLE)
                .orderBy(ApnsCredentials.SCOPE_KIND, ApnsCredentials.SCOPE_ID)
                .fetch(JooqApnsCredentialStore::credential));
    }

    private static ApnsCredential credential(Record r) {
        ApnsScope.Kind kind = r.get(ApnsCredentials.SCOPE_KIND).equals("tenant") ? ApnsScope.Kind.TENANT
                : ApnsScope.Kind.CUSTOMER;
        ApnsCredential.Auth auth = r.get(ApnsCredentials.AUTH_KIND).equals(TOKEN)
                ? new ApnsCredential.SigningKey(r.get(ApnsCredentials.SECRET), r.get(ApnsCredentials.KEY_ID),
                        r.get(ApnsCredentials.TEAM_ID))
                : new ApnsCredential.Certificate(Base64.getDecoder().decode(r.get(ApnsCredentials.SECRET)),
                        r.get(ApnsCredentials.SECRET_PASSWORD));
        return new ApnsCredential(new ApnsScope(kind, r.get(ApnsCredentials.SCOPE_ID)), r.get(ApnsCredentials.TOPIC),
                ApnsEnvironment.fromWire(r.get(ApnsCredentials.ENVIRONMENT)).orElse(ApnsEnvironment.PRODUCTION),
                auth, Instant.ofEpochMilli(r.get(ApnsCredentials.UPDATED)));
    }
}
