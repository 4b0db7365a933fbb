package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.ShieldRepository;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ShieldRepository} does, whatever stores it. */
public abstract class ShieldRepositoryContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

    private ShieldRepository shields;

    /** The repository under test, asked for before each test; may be shared: each test uses ids of its own. */
    protected abstract ShieldRepository shields();

    @BeforeEach
    void setUpShields() {
        shields = shields();
    }

    @Test
    void a_shield_is_set_once_and_seen() {
        UserId user = user();
        AppId app = app();

        assertThat(shields.isShielded(user, app)).isFalse();
        assertThat(shields.shield(user, app, "too noisy")).isTrue();
        assertThat(shields.shield(user, app, "again")).isFalse();
        assertThat(shields.isShielded(user, app)).isTrue();
    }

    @Test
    void a_shield_is_per_user_and_application() {
        UserId user = user();
        UserId other = user();
        AppId app = app();
        AppId otherApp = app();
        shields.shield(user, app, "");

        assertThat(shields.isShielded(other, app)).isFalse();
        assertThat(shields.isShielded(user, otherApp)).isFalse();
    }

    @Test
    void unshield_removes_the_shield_once() {
        UserId user = user();
        AppId app = app();
        shields.shield(user, app, "");

        assertThat(shields.unshield(user, app)).isTrue();
        assertThat(shields.unshield(user, app)).isFalse();
        assertThat(shields.isShielded(user, app)).isFalse();
        assertThat(shields.shield(user, app, "back")).isTrue();
    }

    @Test
    void unshield_of_nothing_changes_nothing() {
        assertThat(shields.unshield(user(), app())).isFalse();
    }

    @Test
    void shielders_of_are_those_among_the_given_users_who_shield_the_application() {
        AppId app = app();
        AppId otherApp = app();
        List<UserId> among = new ArrayList<>();
        Set<UserId> expected = new HashSet<>();
        for (int i = 0; i < 1200; i++) { // more than one statement's worth of bind values
            UserId u = user();
            among.add(u);
            if (i % 7 == 0) {
                shields.shield(u, app, "");
                expected.add(u);
            } else if (i % 7 == 1) {
                shields.shield(u, otherApp, "");
            }
        }
        UserId outsider = user();
        shields.shield(outsider, app, "");

        assertThat(shields.shieldersOf(app, among)).isEqualTo(expected);
        assertThat(shields.shieldersOf(app, List.of())).isEmpty();
        assertThat(shields.shieldersOf(app(), among)).isEmpty();
    }

    @Test
    void a_long_memo_is_kept() {
        UserId user = user();
        AppId app = app();
        assertThat(shields.shield(user, app, "m".repeat(255))).isTrue();
        assertThat(shields.isShielded(user, app)).isTrue();
    }

    private static UserId user() {
        return new UserId("u-" + RUN + "-" + SEQ.incrementAndGet());
    }

    private static AppId app() {
        return new AppId("a-" + RUN + "-" + SEQ.incrementAndGet());
    }
}
