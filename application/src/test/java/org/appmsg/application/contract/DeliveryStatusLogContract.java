package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.DeliveryStatusLog;
import org.appmsg.domain.message.DeliveryStatus;
import org.appmsg.domain.message.DeliveryStatus.ApnsState;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DeliveryStatusLog} does, whatever stores it. */
public abstract class DeliveryStatusLogContract {

    private static final AtomicLong SEQ = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 50, 1L << 60));
    /** Far in the future, so a test's purge of the past never removes another test's records. */
    private static final Instant KEEP = Instant.parse("2999-01-01T00:00:00Z");
    private static final Name APP = Name.parse("app1@app");
    private static final Name ALICE = Name.parse("alice@user");
    private static final Name BOB = Name.parse("bob@user");

    private DeliveryStatusLog log;

    /** The log under test, asked for before each test; may be shared: each test uses message ids of its own. */
    protected abstract DeliveryStatusLog log();

    @BeforeEach
    void setUpLog() {
        log = log();
    }

    private static MessageId message() {
        return new MessageId(SEQ.incrementAndGet());
    }

    @Test
    void an_unknown_message_has_no_status() {
        assertThat(log.find(message())).isEmpty();
    }

    @Test
    void each_stored_copy_is_a_recipient_with_its_mid_and_live_sessions_in_mailbox_order() {
        MessageId id = message();

        log.stored(id, APP, BOB, 7, 2, KEEP);
        log.stored(id, APP, ALICE, 3, 0, KEEP);

        assertThat(log.find(id)).contains(new DeliveryStatus(id, APP, List.of(
                new DeliveryStatus.Recipient(ALICE, 3, 0, List.of()),
                new DeliveryStatus.Recipient(BOB, 7, 2, List.of()))));
        assertThat(log.find(message())).isEmpty();
    }

    @Test
    void a_devices_later_state_replaces_its_earlier_one_and_devices_are_listed_by_id() {
        MessageId id = message();
        log.stored(id, APP, BOB, 1, 0, KEEP);

        log.apns(id, BOB, "iOS-b2", ApnsState.PENDING, "", KEEP);
        log.apns(id, BOB, "iOS-b1", ApnsState.PENDING, "", KEEP);
        log.apns(id, BOB, "iOS-b2", ApnsState.REJECTED, "400 BadDeviceToken", KEEP);
        log.apns(id, BOB, "iOS-b1", ApnsState.ACCEPTED, "", KEEP);

        assertThat(log.find(id).orElseThrow().recipients()).containsExactly(new DeliveryStatus.Recipient(BOB, 1, 0,
                List.of(new DeliveryStatus.Device("iOS-b1", ApnsState.ACCEPTED, ""),
                        new DeliveryStatus.Device("iOS-b2", ApnsState.REJECTED, "400 BadDeviceToken"))));
    }

    @Test
    void stored_again_replaces_the_recipients_mid_and_sessions_and_keeps_its_devices() {
        MessageId id = message();
        log.stored(id, APP, BOB, 1, 0, KEEP);
        log.apns(id, BOB, "iOS-b1", ApnsState.FAILED, "timeout", KEEP);

        log.stored(id, APP, BOB, 1, 3, KEEP);

        assertThat(log.find(id).orElseThrow().recipients()).containsExactly(new DeliveryStatus.Recipient(BOB, 1, 3,
                List.of(new DeliveryStatus.Device("iOS-b1", ApnsState.FAILED, "timeout"))));
    }

    @Test
    void a_device_state_of_a_copy_never_stored_is_not_reported() {
        MessageId id = message();
        log.apns(id, BOB, "iOS-b1", ApnsState.ACCEPTED, "", KEEP);
        assertThat(log.find(id)).isEmpty();

        log.stored(id, APP, ALICE, 4, 1, KEEP);
        assertThat(log.find(id).orElseThrow().recipients()).extracting(DeliveryStatus.Recipient::mailbox)
                .containsExactly(ALICE);
    }

    @Test
    void a_long_detail_is_cut_and_other_text_is_kept_as_given() {
        MessageId id = message();
        log.stored(id, APP, BOB, 1, 0, KEEP);
        String unicode = "échec: ünavailable ✓ 😀";
        log.apns(id, BOB, "iOS-long", ApnsState.FAILED, "x".repeat(1_000), KEEP);
        log.apns(id, BOB, "iOS-text", ApnsState.FAILED, unicode, KEEP);

        assertThat(log.find(id).orElseThrow().recipients().get(0).devices()).extracting(DeliveryStatus.Device::detail)
                .containsExactly("x".repeat(DeliveryStatusLog.MAX_DETAIL), unicode);
    }

    @Test
    void purging_removes_records_kept_until_now_or_earlier_in_bounded_steps_and_keeps_the_rest() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        MessageId gone = message();
        MessageId kept = message();
        log.stored(gone, APP, ALICE, 1, 0, now.minusSeconds(1));
        log.stored(gone, APP, BOB, 1, 0, now);
        log.apns(gone, BOB, "iOS-b1", ApnsState.ACCEPTED, "", now);
        log.stored(kept, APP, BOB, 2, 0, now.plusSeconds(1));
        log.apns(kept, BOB, "iOS-b1", ApnsState.ACCEPTED, "", now.plusSeconds(1));
        assertThat(log.find(gone)).isPresent(); // written before purging

        int removed = 0;
        int steps = 0;
        for (int step = log.purgeExpired(now, 2); step > 0; step = log.purgeExpired(now, 2)) {
            assertThat(step).isLessThanOrEqualTo(2);
            removed += step;
            steps++;
        }

        assertThat(removed).isGreaterThanOrEqualTo(3); // other tests' or runs' expired records may go too
        assertThat(steps).isGreaterThanOrEqualTo(2);
        assertThat(log.find(gone)).isEmpty();
        assertThat(log.find(kept).orElseThrow().recipients()).containsExactly(new DeliveryStatus.Recipient(BOB, 2, 0,
                List.of(new DeliveryStatus.Device("iOS-b1", ApnsState.ACCEPTED, ""))));
    }

    @Test
    void purging_with_nothing_expired_removes_nothing() {
        MessageId id = message();
        log.stored(id, APP, BOB, 1, 0, KEEP);
        log.find(id);
        Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
        assertThat(log.purgeExpired(longAgo, 100)).isZero();
        assertThat(log.find(id)).isPresent();
    }
}
