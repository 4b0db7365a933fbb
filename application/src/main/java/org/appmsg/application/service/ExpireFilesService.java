package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.appmsg.application.port.in.ExpireFilesUseCase;
import org.appmsg.application.port.out.FileLinks;
import org.appmsg.application.port.out.FileStorage;
import org.appmsg.application.port.out.FileStorage.Deletion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks due files batch by batch for one cut-off (the pass's start minus {@code unusedFor}) and deletes them
 * one at a time. Every file leaves the due set when it is handled (removed, scheduled for a retry, or found
 * used again), so the pass always ends. The last use is read again right before each call to the store, so a
 * file used after the batch was picked is skipped; a use that lands while the store call is in flight cannot
 * be stopped any more (the link then refers to a deleted file, and {@link FileLinks#markDeleted} keeps it).
 */
public final class ExpireFilesService implements ExpireFilesUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(ExpireFilesService.class);

    private final FileLinks links;
    private final FileStorage storage;
    private final Clock clock;

    public ExpireFilesService(FileLinks links, FileStorage storage, Clock clock) {
        this.links = links;
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    public Result expire(Command command) {
        Instant start = clock.instant();
        Instant deadline = start.plus(command.budget());
        Instant cutoff = start.minus(command.unusedFor());
        int deleted = 0;
        int gone = 0;
        int failed = 0;
        int skipped = 0;
        int failuresInARow = 0;
        while (true) {
            List<FileLinks.DueFile> due = links.due(cutoff, start, command.batchSize());
            for (FileLinks.DueFile file : due) {
                if (!clock.instant().isBefore(deadline) || failuresInARow >= command.maxFailuresInARow()) {
                    return new Result(deleted, gone, failed, skipped, Duration.between(start, clock.instant()), false);
                }
                Optional<Instant> lastUse = links.lastUse(file.fileId());
                if (lastUse.isEmpty() || !lastUse.get().isBefore(cutoff)) {
                    skipped++;
                    continue;
                }
                switch (storage.delete(file.fileId(), file.fileUrl())) {
                    case Deletion.Deleted d -> {
                        deleted++;
                        failuresInARow = 0;
                        links.markDeleted(file.fileId(), cutoff);
                    }
                    case Deletion.Gone g -> {
                        gone++;
                        failuresInARow = 0;
                        links.markDeleted(file.fileId(), cutoff);
                    }
                    case Deletion.Failed f -> {
                        failed++;
                        failuresInARow++;
                        int attempts = file.attempts() + 1;
                        Instant retryAt = command.retries().nextAttempt(attempts, clock.instant());
                        links.markFailed(file.fileId(), attempts, retryAt);
                        LOG.warn("file {}: deletion attempt {} failed ({}); trying again at {}",
                                file.fileId(), attempts, f.reason(), retryAt);
                    }
                }
            }
            if (due.size() < command.batchSize()) {
                return new Result(deleted, gone, failed, skipped, Duration.between(start, clock.instant()), true);
            }
        }
    }
}
