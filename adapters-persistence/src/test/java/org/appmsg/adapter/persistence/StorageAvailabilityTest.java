package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.junit.jupiter.api.Test;

class StorageAvailabilityTest {

    private final List<Boolean> changes = new ArrayList<>();
    private final StorageAvailability availability = new StorageAvailability(
            Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC), changes::add);

    @Test
    void up_until_marked_down_then_every_check_fails_at_once_naming_since_when() {
        assertThat(availability.reachable()).isTrue();
        assertThatCode(availability::check).doesNotThrowAnyException();

        availability.markDown("connection refused");

        assertThat(availability.reachable()).isFalse();
        assertThatThrownBy(availability::check).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("unreachable since 2026-12-01T10:00:00Z")
                .satisfies(e -> assertThat(e.getStackTrace()).as("refusals carry no stack trace").isEmpty());
    }

    @Test
    void each_change_is_reported_once() {
        availability.markDown("reset");
        availability.markDown("refused"); // still down: no news
        availability.markUp();
        availability.markUp();

        assertThat(changes).containsExactly(false, true);
        assertThat(availability.reachable()).isTrue();
    }

    @Test
    void a_closed_store_stays_unreachable_whatever_the_probe_finds() {
        availability.markClosed();
        availability.markUp();

        assertThat(availability.reachable()).isFalse();
        assertThatThrownBy(availability::check).hasMessage("the store is closed");
        assertThat(changes).isEmpty();
    }
}
