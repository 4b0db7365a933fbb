package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.appmsg.application.port.in.PurgeExpiredUseCase;
import org.appmsg.application.port.out.Mailbox;

/**
 * Repeats {@link Mailbox#purgeExpired} steps for one instant (the pass's start) until a step removes
 * nothing or the budget is used. Messages that expire during the pass are left to the next one.
 */
public final class PurgeExpiredService implements PurgeExpiredUseCase {

    private final Mailbox mailbox;
    private final Clock clock;

    public PurgeExpiredService(Mailbox mailbox, Clock clock) {
        this.mailbox = mailbox;
        this.clock = clock;
    }

    @Override
    public Result purge(Command command) {
        Instant start = clock.instant();
        Instant deadline = start.plus(command.budget());
        long entries = 0;
        long messages = 0;
        int batches = 0;
        boolean finished = false;
        while (!finished && (batches == 0 || clock.instant().isBefore(deadline))) {
            Mailbox.Purged step = mailbox.purgeExpired(start, command.batchSize());
            batches++;
            entries += step.entries();
            messages += step.messages();
            finished = step.nothing();
        }
        return new Result(entries, messages, batches, Duration.between(start, clock.instant()),
                finished);
    }
}
