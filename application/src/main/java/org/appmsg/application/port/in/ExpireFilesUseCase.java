package org.appmsg.application.port.in;

import java.time.Duration;
import java.util.Objects;
import org.appmsg.domain.shared.RetrySchedule;

/**
 * One file expiry pass (R20): deletes from the file store, in bounded batches, every file that no link has
 * used for {@code unusedFor}, and forgets it once the store confirms (deleted, or 404). A file that some
 * sender used more recently is never deleted, even when older links to it are stale: the last use is checked
 * again right before each deletion. A failed deletion is scheduled again by {@code retries} and never dropped;
 * using the file again cancels it. Blocks (one file store call at a time): run it on a background thread.
 * Storage failures surface as {@link org.appmsg.application.port.out.StorageUnavailableException}.
 */
@FunctionalInterface
public interface ExpireFilesUseCase {

    Result expire(Command command);

    /**
     * @param unusedFor how long after its last use a file is deleted
     * @param retries when a failed deletion is tried again
     * @param batchSize the most files one query picks
     * @param budget how long a pass may go on starting new deletions
     * @param maxFailuresInARow the pass stops after this many consecutive failures (the store looks down; the
     *     files not tried stay due for the next pass)
     */
    record Command(Duration unusedFor, RetrySchedule retries, int batchSize, Duration budget, int maxFailuresInARow) {
        public Command {
            Objects.requireNonNull(unusedFor, "unusedFor");
            Objects.requireNonNull(retries, "retries");
            Objects.requireNonNull(budget, "budget");
            if (unusedFor.isNegative() || unusedFor.isZero() || budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("unusedFor and budget must be positive");
            }
            if (batchSize < 1 || maxFailuresInARow < 1) {
                throw new IllegalArgumentException("batchSize and maxFailuresInARow must be positive");
            }
        }
    }

    /**
     * What the pass did: files the store deleted, files it no longer had (404), failed attempts (scheduled
     * again), and files skipped because they were used again after they were picked. {@code finished} is false
     * when the pass stopped (budget used, or too many failures in a row) while files were still due.
     */
    record Result(int deleted, int gone, int failed, int skipped, Duration took, boolean finished) {

        public boolean didAnything() {
            return deleted + gone + failed + skipped > 0;
        }
    }
}
