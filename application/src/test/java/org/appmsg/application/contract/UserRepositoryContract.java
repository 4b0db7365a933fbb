package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.application.port.out.UserRepository.Upsert;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.Device;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UserRepository} does, whatever stores it. */
public abstract class UserRepositoryContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final TenantId TENANT = new TenantId("t1");

    private UserRepository users;

    /**
     * The repository under test, asked for once before each test. It may be shared between tests: each test
     * uses user ids, login names and e-mail addresses of its own.
     */
    protected abstract UserRepository users();

    @BeforeEach
    void setUpUsers() {
        users = users();
    }

    @Test
    void upsert_inserts_a_new_user_that_is_then_found_by_id_and_login_name() {
        User alice = user(fresh("id"), fresh("alice"), "");
        assertThat(users.upsert(alice)).isEqualTo(Upsert.INSERTED);
        assertThat(users.findById(alice.id())).contains(alice);
        assertThat(users.findByLogin(alice.profile().name())).contains(alice);
    }

    @Test
    void upsert_of_a_known_id_replaces_profile_tenant_and_password() {
        String id = fresh("id");
        users.upsert(user(id, fresh("bob"), ""));
        UserProfile renamed = profile(fresh("robert"), fresh("bob") + "@example.com", "Robert");
        User changed = new User(new UserId(id), new TenantId("t2"), renamed, new PasswordHash("new-secret"));

        assertThat(users.upsert(changed)).isEqualTo(Upsert.UPDATED);
        assertThat(users.findById(changed.id())).contains(changed);
    }

    @Test
    void a_user_may_be_upserted_again_with_its_own_name() {
        User carol = user(fresh("id"), fresh("carol"), "");
        users.upsert(carol);
        assertThat(users.upsert(carol)).isEqualTo(Upsert.UPDATED);
    }

    @Test
    void a_new_user_with_a_taken_login_name_is_refused_and_nothing_changes() {
        User holder = user(fresh("id"), fresh("dave"), "");
        users.upsert(holder);
        User intruder = user(fresh("id"), holder.profile().name(), "");

        assertThat(users.upsert(intruder)).isEqualTo(Upsert.NAME_TAKEN);
        assertThat(users.findById(intruder.id())).isEmpty();
        assertThat(users.findByLogin(holder.profile().name())).contains(holder);
    }

    @Test
    void renaming_a_user_to_a_taken_login_name_is_refused_and_nothing_changes() {
        User holder = user(fresh("id"), fresh("erin"), "");
        User other = user(fresh("id"), fresh("frank"), "");
        users.upsert(holder);
        users.upsert(other);
        User renamed = new User(other.id(), other.tenant(), profile(holder.profile().name(), "", "Frank"),
                new PasswordHash("changed"));

        assertThat(users.upsert(renamed)).isEqualTo(Upsert.NAME_TAKEN);
        assertThat(users.findById(other.id())).contains(other);
    }

    @Test
    void renaming_a_user_frees_its_old_login_name() {
        String oldName = fresh("gina");
        User gina = user(fresh("id"), oldName, "");
        users.upsert(gina);
        users.upsert(new User(gina.id(), gina.tenant(), profile(fresh("georgina"), "", "G"), gina.password()));

        assertThat(users.findByLogin(oldName)).isEmpty();
        assertThat(users.upsert(user(fresh("id"), oldName, ""))).isEqualTo(Upsert.INSERTED);
    }

    @Test
    void a_login_with_an_at_sign_finds_the_user_by_email() {
        String email = fresh("hank") + "@example.com";
        User hank = user(fresh("id"), fresh("hank"), email);
        users.upsert(hank);
        assertThat(users.findByLogin(email)).contains(hank);
    }

    @Test
    void an_email_shared_by_two_users_logs_in_nobody() {
        String email = fresh("shared") + "@example.com";
        users.upsert(user(fresh("id"), fresh("ivy"), email));
        users.upsert(user(fresh("id"), fresh("jack"), email));
        assertThat(users.findByLogin(email)).isEmpty();
    }

    @Test
    void unknown_ids_and_logins_are_not_found() {
        assertThat(users.findById(new UserId(fresh("nobody")))).isEmpty();
        assertThat(users.findByLogin(fresh("nobody"))).isEmpty();
        assertThat(users.findByLogin(fresh("nobody") + "@example.com")).isEmpty();
    }

    @Test
    void update_password_replaces_only_the_password() {
        User kim = user(fresh("id"), fresh("kim"), "");
        users.upsert(kim);
        users.updatePassword(kim.id(), new PasswordHash("pbkdf2-sha256$1$c2FsdA$aGFzaA"));
        assertThat(users.findById(kim.id())).contains(kim.withPassword(new PasswordHash("pbkdf2-sha256$1$c2FsdA$aGFzaA")));
    }

    @Test
    void update_password_of_an_unknown_user_changes_nothing() {
        UserId nobody = new UserId(fresh("nobody"));
        users.updatePassword(nobody, new PasswordHash("x"));
        assertThat(users.findById(nobody)).isEmpty();
    }

    @Test
    void a_device_can_be_recorded_again_on_every_login() {
        User lee = user(fresh("id"), fresh("lee"), "");
        users.upsert(lee);
        Instant first = Instant.parse("2025-06-01T08:00:00Z");
        assertThatCode(() -> {
            users.recordDevice(new Device(lee.id(), "android", "device-1", first));
            users.recordDevice(new Device(lee.id(), "android", "device-1", first.plusSeconds(60)));
            users.recordDevice(new Device(lee.id(), "ios", "device-2", first.plusSeconds(120)));
        }).doesNotThrowAnyException();
    }

    private static String fresh(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }

    private static User user(String id, String name, String email) {
        return new User(new UserId(id), TENANT, profile(name, email, "Nick " + name), new PasswordHash("plain-pw"));
    }

    private static UserProfile profile(String name, String email, String nickname) {
        return new UserProfile(name, nickname, email, "13800000000", "", "1", "nk", "nick", "Beijing");
    }
}
