package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.appmsg.domain.message.DeliveryStatus.ApnsState;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write-behind of {@link JooqDeliveryStatusLog}, on an in-memory H2 database whose writes can be held up
 * (its durability wait blocks until released): recording never waits for the database, a full queue drops and
 * counts records instead of blocking, and what was queued is stored once the database moves again.
 */
class DeliveryStatusWriteBehindIT {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant KEEP = Instant.parse("2999-01-01T00:00:00Z");
    private static final Name APP = Name.parse("app1@app");
    private static final Name BOB = Name.parse("bob@user");

    private final CountDownLatch stuck = new CountDownLatch(1);
    private JooqDeliveryStatusLog log;

    private JooqDeliveryStatusLog start(int capacity) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:status-it-" + DATABASES.incrementAndGet()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Migrations.apply(h2, Backend.H2);
        Durability slow = () -> { // every write "is flushing" until released
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        log = new JooqDeliveryStatusLog(new Database(h2, Backend.H2, slow,
                new StorageAvailability(Clock.systemUTC(), up -> {})), capacity);
        return log;
    }

    @AfterEach
    void stop() {
        stuck.countDown();
        log.close();
    }

    @Test
    void a_stuck_database_never_slows_recording_a_full_queue_drops_and_counts_and_the_queue_is_written_later()
            throws Exception {
        start(10);
        log.stored(new MessageId(1), APP, BOB, 1, 0, KEEP);
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (log.queued() > 0 && System.nanoTime() < waitUntil) {
            Thread.sleep(10); // the writer took the first record and is stuck writing it
        }
        assertThat(log.queued()).isZero();

        long started = System.nanoTime();
        for (int i = 2; i <= 1_001; i++) {
            log.stored(new MessageId(i), APP, BOB, i, 1, KEEP);
        }
        log.apns(new MessageId(2), BOB, "iOS-b1", ApnsState.ACCEPTED, "", KEEP);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(log.queued()).isEqualTo(10);
        assertThat(log.dropped()).isEqualTo(1_001 - 1 - 10 + 1);

        stuck.countDown();
        assertThat(log.find(new MessageId(1))).isPresent();
        assertThat(log.find(new MessageId(11)).orElseThrow().recipients().get(0).liveSessions()).isEqualTo(1);
        assertThat(log.find(new MessageId(2)).orElseThrow().recipients().get(0).devices()).isEmpty(); // dropped
        assertThat(log.find(new MessageId(12))).isEmpty();
        assertThat(log.queued()).isZero();
    }

    @Test
    void closing_writes_what_is_queued_and_later_records_are_dropped() {
        start(100);
        stuck.countDown();
        for (int i = 1; i <= 50; i++) {
            log.stored(new MessageId(i), APP, BOB, i, 0, KEEP);
        }
        log.close();
        log.stored(new MessageId(51), APP, BOB, 51, 0, KEEP);

        assertThat(log.dropped()).isEqualTo(1);
        assertThat(log.find(new MessageId(50))).isPresent();
        assertThat(log.find(new MessageId(51))).isEmpty();
    }
}
