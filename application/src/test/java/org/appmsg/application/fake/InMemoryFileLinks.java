package org.appmsg.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.appmsg.application.port.out.FileLinks;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.name.Name;

/** {@link FileLinks} in memory; synchronized, so each method is atomic as the SQL adapter's are. */
public final class InMemoryFileLinks implements FileLinks {

    private static final class StoredFile {
        String fileUrl;
        Instant lastUse;
        int attempts;
        Instant nextAttempt = Instant.MIN;
        final Map<Name, Instant> links = new HashMap<>();
    }

    private final Map<String, StoredFile> files = new HashMap<>();
    private int touches;

    @Override
    public synchronized void touch(FileUpload file, Name sender, Instant at) {
        touches++;
        StoredFile f = files.computeIfAbsent(file.fid(), id -> new StoredFile());
        f.links.merge(sender, at, (a, b) -> a.isAfter(b) ? a : b);
        f.lastUse = f.lastUse == null || at.isAfter(f.lastUse) ? at : f.lastUse;
        f.fileUrl = file.fileUrl();
        f.attempts = 0;
        f.nextAttempt = Instant.MIN;
    }

    @Override
    public synchronized List<DueFile> due(Instant unusedBefore, Instant now, int limit) {
        List<DueFile> due = new ArrayList<>();
        files.forEach((id, f) -> {
            if (f.lastUse.isBefore(unusedBefore) && !f.nextAttempt.isAfter(now)) {
                due.add(new DueFile(id, f.fileUrl, f.lastUse, f.attempts));
            }
        });
        due.sort(Comparator.comparing(DueFile::lastUse).thenComparing(DueFile::fileId));
        return List.copyOf(due.subList(0, Math.min(limit, due.size())));
    }

    @Override
    public synchronized Optional<Instant> lastUse(String fileId) {
        return Optional.ofNullable(files.get(fileId)).map(f -> f.lastUse);
    }

    @Override
    public synchronized boolean markDeleted(String fileId, Instant unusedBefore) {
        StoredFile f = files.get(fileId);
        if (f == null) {
            return true;
        }
        f.links.values().removeIf(at -> at.isBefore(unusedBefore));
        if (f.lastUse.isBefore(unusedBefore)) {
            files.remove(fileId);
            return true;
        }
        return false;
    }

    @Override
    public synchronized void markFailed(String fileId, int attempts, Instant retryAt) {
        StoredFile f = files.get(fileId);
        if (f != null) {
            f.attempts = attempts;
            f.nextAttempt = retryAt;
        }
    }

    /** The senders with a link to the file, for assertions. */
    public synchronized Map<Name, Instant> links(String fileId) {
        StoredFile f = files.get(fileId);
        return f == null ? Map.of() : Map.copyOf(f.links);
    }

    /** How often {@link #touch} was called, for assertions. */
    public synchronized int touches() {
        return touches;
    }
}
