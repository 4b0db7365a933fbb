package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.appmsg.application.fake.InMemoryDirectoryRepository;
import org.appmsg.application.fake.InMemoryMailbox;
import org.appmsg.application.fake.InMemoryPresence;
import org.appmsg.application.fake.InMemoryTokenStore;
import org.appmsg.application.fake.InMemoryUserRepository;
import org.appmsg.application.fake.PlainPasswordHasher;
import org.appmsg.application.fake.RecordingLiveDelivery;
import org.appmsg.application.fake.SequentialIds;
import org.appmsg.application.port.in.LoginUseCase;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;

/** Every service wired to fakes and a clock that tests move by hand. */
final class Fixture {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final InMemoryDirectoryRepository directory = new InMemoryDirectoryRepository();
    final InMemoryMailbox mailbox = new InMemoryMailbox();
    final RecordingLiveDelivery live = new RecordingLiveDelivery();
    final InMemoryPresence presence = new InMemoryPresence();
    final SequentialIds ids = new SequentialIds();
    final PlainPasswordHasher hasher = new PlainPasswordHasher();
    final AuthenticateUserService authenticate = new AuthenticateUserService(tokens, users, clock, Duration.ofSeconds(30));
    final LoginService login = new LoginService(users, tokens, hasher, ids, clock, Duration.ofDays(7));
    final SendMessageService send = new SendMessageService(authenticate, users, mailbox, live, presence, ids, clock, Duration.ofDays(7));
    final FetchMailboxService fetch = new FetchMailboxService(authenticate, mailbox, clock);

    void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    User user(String id, String tenant) {
        User u = new User(new UserId(id), new TenantId(tenant),
                new UserProfile("login-" + id, "Nick " + id, id + "@example.org", "", "", "1", "", "", ""),
                hasher.hash("pw-" + id));
        users.upsert(u);
        return u;
    }

    void legacyUser(String id, String tenant, String verbatimPassword) {
        users.upsert(new User(new UserId(id), new TenantId(tenant),
                new UserProfile("login-" + id, "Nick " + id, "", "", "", "1", "", "", ""),
                new PasswordHash(verbatimPassword)));
    }

    Secret tokenOf(String id) {
        var result = login.login(new LoginUseCase.Command("login-" + id, "pw-" + id, "Android", "Android-" + id));
        return ((LoginUseCase.Result.LoggedIn) result).token();
    }
}
