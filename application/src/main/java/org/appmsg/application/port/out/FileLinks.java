package org.appmsg.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.name.Name;

/**
 * The file links of R20: which sender used which uploaded file when, kept per (file id, sender), and per file
 * the state of its deletion. A file's last use is the newest of its links; a file unused for the configured
 * time is due for deletion from the file store, and stays due (with a retry time after a failure) until
 * {@link #markDeleted} removes it or a new use ({@link #touch}) makes it live again.
 *
 * <p>Thread-safety: all methods may be called from any thread. Failures surface as
 * {@link StorageUnavailableException}; then the call changed nothing.
 */
public interface FileLinks {

    /**
     * Records that {@code sender} used {@code file} at {@code at}: inserts the link or moves its time forward
     * (never back), makes the file's last use at least {@code at}, takes the newest {@code fileUrl}, and
     * cancels a pending or failed deletion of the file (its retry schedule starts over). Idempotent.
     */
    void touch(FileUpload file, Name sender, Instant at);

    /**
     * Up to {@code limit} files last used before {@code unusedBefore} whose next attempt is due at
     * {@code now} (never tried, or retry time reached), least recently used first.
     */
    List<DueFile> due(Instant unusedBefore, Instant now, int limit);

    /** The newest use of the file over all its links, or empty when no link to it is recorded. */
    Optional<Instant> lastUse(String fileId);

    /**
     * The file store no longer has the file: removes its links used before {@code unusedBefore}, and the
     * file itself when none is left. Returns false when the file was used at or after {@code unusedBefore}
     * meanwhile; then it stays recorded with that newer use (and is simply due again later).
     */
    boolean markDeleted(String fileId, Instant unusedBefore);

    /**
     * A deletion attempt failed: the file keeps its links and is due again at {@code retryAt}, with
     * {@code attempts} failed attempts so far. Does nothing when the file is not recorded (any more).
     */
    void markFailed(String fileId, int attempts, Instant retryAt);

    /**
     * A file due for deletion: its id, the newest URL it was linked with, its last use, and how many deletion
     * attempts failed since it was last used.
     */
    record DueFile(String fileId, String fileUrl, Instant lastUse, int attempts) {
        public DueFile {
            Objects.requireNonNull(fileId, "fileId");
            Objects.requireNonNull(fileUrl, "fileUrl");
            Objects.requireNonNull(lastUse, "lastUse");
        }
    }
}
