package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.ApnsTokenStore;
import org.appmsg.application.port.out.ApnsTokenStore.Registration;
import org.appmsg.domain.apns.DeviceToken;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApnsTokenStore} does, whatever stores it. */
public abstract class ApnsTokenStoreContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

    private ApnsTokenStore tokens;

    /** The store under test, asked for before each test; may be shared: each test uses ids and tokens of its own. */
    protected abstract ApnsTokenStore tokens();

    @BeforeEach
    void setUpTokens() {
        tokens = tokens();
    }

    private static UserId user() {
        return new UserId("apns-" + RUN + "-" + SEQ.incrementAndGet());
    }

    private static DeviceToken token() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new DeviceToken(HexFormat.of().formatHex(bytes));
    }

    @Test
    void a_bound_token_is_found_with_its_user_device_and_time() {
        UserId user = user();
        DeviceToken token = token();

        tokens.bind(new Registration(user, "iOS-1", token, AT));

        assertThat(tokens.registrationsOf(List.of(user))).containsExactly(new Registration(user, "iOS-1", token, AT));
        assertThat(tokens.registrationsOf(List.of(user()))).isEmpty();
    }

    @Test
    void one_user_may_have_several_devices() {
        UserId user = user();
        DeviceToken a = token();
        DeviceToken b = token();

        tokens.bind(new Registration(user, "iOS-a", a, AT));
        tokens.bind(new Registration(user, "iOS-b", b, AT));

        assertThat(tokens.registrationsOf(List.of(user))).extracting(Registration::token).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void binding_again_moves_the_token_and_replaces_the_devices_old_one() {
        UserId first = user();
        UserId second = user();
        DeviceToken token = token();
        DeviceToken newer = token();

        tokens.bind(new Registration(first, "iOS-1", token, AT));
        tokens.bind(new Registration(second, "iOS-9", token, AT.plusSeconds(1)));
        assertThat(tokens.registrationsOf(List.of(first))).isEmpty();
        assertThat(tokens.registrationsOf(List.of(second))).containsExactly(
                new Registration(second, "iOS-9", token, AT.plusSeconds(1)));

        tokens.bind(new Registration(second, "iOS-9", newer, AT.plusSeconds(2)));
        assertThat(tokens.registrationsOf(List.of(second))).extracting(Registration::token).containsExactly(newer);
    }

    @Test
    void unbind_removes_only_the_callers_own_token() {
        UserId owner = user();
        DeviceToken token = token();
        tokens.bind(new Registration(owner, "iOS-1", token, AT));

        assertThat(tokens.unbind(user(), token)).isFalse();
        assertThat(tokens.registrationsOf(List.of(owner))).hasSize(1);
        assertThat(tokens.unbind(owner, token)).isTrue();
        assertThat(tokens.registrationsOf(List.of(owner))).isEmpty();
        assertThat(tokens.unbind(owner, token)).isFalse();
    }

    @Test
    void unbind_device_removes_that_devices_token_only() {
        UserId user = user();
        DeviceToken a = token();
        DeviceToken b = token();
        tokens.bind(new Registration(user, "iOS-a", a, AT));
        tokens.bind(new Registration(user, "iOS-b", b, AT));

        assertThat(tokens.unbindDevice(user, "iOS-a")).isTrue();
        assertThat(tokens.unbindDevice(user, "iOS-a")).isFalse();
        assertThat(tokens.registrationsOf(List.of(user))).extracting(Registration::token).containsExactly(b);
    }

    @Test
    void remove_takes_the_token_from_whoever_holds_it() {
        UserId user = user();
        DeviceToken token = token();
        tokens.bind(new Registration(user, "iOS-1", token, AT));

        assertThat(tokens.remove(token)).isTrue();
        assertThat(tokens.remove(token)).isFalse();
        assertThat(tokens.registrationsOf(List.of(user))).isEmpty();
    }

    @Test
    void remove_if_registered_before_keeps_a_token_registered_again_since() {
        UserId user = user();
        DeviceToken token = token();
        tokens.bind(new Registration(user, "iOS-1", token, AT));

        assertThat(tokens.removeIfRegisteredBefore(token, AT)).isFalse();
        assertThat(tokens.removeIfRegisteredBefore(token, AT.minusSeconds(60))).isFalse();
        assertThat(tokens.registrationsOf(List.of(user))).hasSize(1);
        assertThat(tokens.removeIfRegisteredBefore(token, AT.plusMillis(1))).isTrue();
        assertThat(tokens.registrationsOf(List.of(user))).isEmpty();
    }
}
