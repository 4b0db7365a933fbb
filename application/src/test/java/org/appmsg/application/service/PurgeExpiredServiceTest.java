package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.fake.InMemoryDeliveryStatusLog;
import org.appmsg.application.fake.InMemoryMailbox;
import org.appmsg.application.port.in.PurgeExpiredUseCase.Command;
import org.appmsg.application.port.in.PurgeExpiredUseCase.Result;
import org.appmsg.domain.message.DeliveryStatus.ApnsState;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.junit.jupiter.api.Test;

class PurgeExpiredServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Name ALICE = Name.parse("alice@user");
    private static final Name BOB = Name.parse("bob@user");

    private final InMemoryMailbox mailbox = new InMemoryMailbox();
    private final InMemoryDeliveryStatusLog statuses = new InMemoryDeliveryStatusLog();
    private final AtomicLong ids = new AtomicLong();

    @Test
    void removes_everything_expired_in_batches_and_keeps_the_rest() {
        for (int i = 0; i < 5; i++) {
            store(NOW.minusSeconds(1), ALICE, BOB);
        }
        store(NOW.plusSeconds(1), ALICE, BOB);

        Result result = new PurgeExpiredService(mailbox, statuses, Clock.fixed(NOW, ZoneOffset.UTC))
                .purge(new Command(4, Duration.ofMinutes(1)));

        assertThat(result).isEqualTo(new Result(10, 5, 0, 4, Duration.ZERO, true)); // 4+2, 4+2, 2+1, then nothing
        assertThat(result.removedAnything()).isTrue();
        assertThat(mailbox.entryCount()).isEqualTo(2);
        assertThat(mailbox.messageCount()).isEqualTo(1);
        assertThat(mailbox.readAfter(ALICE, 0, 10, NOW)).hasSize(1);
    }

    @Test
    void removes_the_status_records_kept_until_the_pass_started_with_their_messages() {
        MessageId gone = store(NOW.minusSeconds(1), BOB);
        MessageId kept = store(NOW.plusSeconds(1), BOB);
        statuses.stored(gone, ALICE, BOB, 1, 0, NOW.minusSeconds(1));
        statuses.apns(gone, BOB, "iOS-b1", ApnsState.ACCEPTED, "", NOW.minusSeconds(1));
        statuses.stored(kept, ALICE, BOB, 2, 0, NOW.plusSeconds(1));

        Result result = new PurgeExpiredService(mailbox, statuses, Clock.fixed(NOW, ZoneOffset.UTC))
                .purge(new Command(1, Duration.ofMinutes(1)));

        assertThat(result.statuses()).isEqualTo(2);
        assertThat(result.messages()).isEqualTo(1);
        assertThat(result.finished()).isTrue();
        assertThat(statuses.find(gone)).isEmpty();
        assertThat(statuses.find(kept)).isPresent();
    }

    @Test
    void a_pass_with_nothing_expired_is_one_empty_batch() {
        store(NOW.plusSeconds(1), ALICE);
        Result result = new PurgeExpiredService(mailbox, statuses, Clock.fixed(NOW, ZoneOffset.UTC))
                .purge(new Command(100, Duration.ofSeconds(1)));
        assertThat(result.removedAnything()).isFalse();
        assertThat(result.batches()).isEqualTo(1);
        assertThat(result.finished()).isTrue();
    }

    @Test
    void stops_starting_batches_once_the_budget_is_used_and_the_next_pass_goes_on() {
        for (int i = 0; i < 10; i++) {
            store(NOW.minusSeconds(1), ALICE);
        }
        var service = new PurgeExpiredService(mailbox, statuses, ticking(Duration.ofSeconds(1)));

        Result first = service.purge(new Command(1, Duration.ofMillis(2500)));
        assertThat(first.finished()).isFalse();
        assertThat(first.batches()).isBetween(1, 3);
        assertThat(first.entries()).isEqualTo(first.batches());

        Result second = service.purge(new Command(100, Duration.ofSeconds(10)));
        assertThat(second.finished()).isTrue();
        assertThat(first.entries() + second.entries()).isEqualTo(10);
        assertThat(mailbox.entryCount()).isZero();
    }

    private MessageId store(Instant expiresAt, Name... to) {
        MessageId id = new MessageId(ids.incrementAndGet());
        mailbox.store(new Message(id, ALICE, BOB, "{}", expiresAt.minusSeconds(60), expiresAt), List.of(to));
        return id;
    }

    /** A clock that moves on by {@code tick} on every reading. */
    private static Clock ticking(Duration tick) {
        AtomicLong readings = new AtomicLong();
        return new SuppliedClock(() -> NOW.plus(tick.multipliedBy(readings.getAndIncrement())));
    }
}
