package org.appmsg.application.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * One retention pass (R9): removes expired mailbox entries, then the expired messages no entry points at
 * any more, and the delivery status records kept until the messages' expiry, in bounded batches so that writers never wait long, until nothing expired is left or the time
 * budget is used. Blocks: run it on a background thread. Storage failures surface as the driven port's
 * {@link org.appmsg.application.port.out.StorageUnavailableException}; what earlier batches removed stays
 * removed.
 */
@FunctionalInterface
public interface PurgeExpiredUseCase {

    Result purge(Command command);

    /**
     * @param batchSize the most entries (and messages, and status records) one batch removes
     * @param budget how long a pass may go on starting new batches
     */
    record Command(int batchSize, Duration budget) {
        public Command {
            Objects.requireNonNull(budget, "budget");
            if (batchSize < 1 || budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("batchSize and budget must be positive");
            }
        }
    }

    /**
     * What the pass removed. {@code finished} is false when it stopped because the budget was used while
     * expired rows were still left; the next pass continues.
     */
    record Result(long entries, long messages, long statuses, int batches, Duration took, boolean finished) {

        public boolean removedAnything() {
            return entries > 0 || messages > 0 || statuses > 0;
        }
    }
}
