package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.appmsg.application.port.in.PurgeExpiredUseCase;
import org.appmsg.application.port.out.DeliveryStatusLog;
import org.appmsg.application.port.out.Mailbox;

/**
 * Repeats {@link Mailbox#purgeExpired} and {@link DeliveryStatusLog#purgeExpired} steps for one instant (the
 * pass's start) until a step removes nothing or the budget is used. Messages that expire during the pass are left
 * to the next one. A message's status records are kept until its expiry too, so both go in the same pass.
 */
public final class PurgeExpiredService implements PurgeExpiredUseCase {

    private final Mailbox mailbox;
    private final DeliveryStatusLog statuses;
    private final Clock clock;

    public PurgeExpiredService(Mailbox mailbox, DeliveryStatusLog statuses, Clock clock) {
        this.mailbox = mailbox;
        this.statuses = statuses;
        this.clock = clock;
    }

    @Override
    public Result purge(Command command) {
        Instant start = clock.instant();
        Instant deadline = start.plus(command.budget());
        long entries = 0;
        long messages = 0;
        long records = 0;
        int batches = 0;
        boolean finished = false;
        while (!finished && (batches == 0 || clock.instant().isBefore(deadline))) {
            Mailbox.Purged step = mailbox.purgeExpired(start, command.batchSize());
            batches++;
            entries += step.entries();
            messages += step.messages();
            int statusStep = statuses.purgeExpired(start, command.batchSize());
            records += statusStep;
            finished = step.nothing() && statusStep == 0;
        }
        return new Result(entries, messages, records, batches, Duration.between(start, clock.instant()),
                finished);
    }
}
