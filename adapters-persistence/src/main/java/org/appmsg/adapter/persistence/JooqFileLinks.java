package org.appmsg.adapter.persistence;

import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.val;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.appmsg.adapter.persistence.Tables.Links;
import org.appmsg.adapter.persistence.Tables.UploadedFiles;
import org.appmsg.application.port.out.FileLinks;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.name.Name;

/**
 * The {@link FileLinks} port on jOOQ (tables uploaded_file and file_link, V4). Both writers that touch one file
 * lock its uploaded_file row first, so a use and a deletion of the same file serialize.
 */
final class JooqFileLinks implements FileLinks {

    private final Database db;
    private final Clock clock;

    JooqFileLinks(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void touch(FileUpload file, Name sender, Instant at) {
        long used = at.toEpochMilli();
        db.transaction(dsl -> {
            dsl.insertInto(UploadedFiles.TABLE)
                    .set(UploadedFiles.FILE_ID, file.fid())
                    .set(UploadedFiles.FILE_URL, file.fileUrl())
                    .set(UploadedFiles.LAST_USED, used)
                    .set(UploadedFiles.ATTEMPTS, 0)
                    .set(UploadedFiles.NEXT_ATTEMPT, 0L)
                    .onConflict(UploadedFiles.FILE_ID)
                    .doUpdate()
                    .set(UploadedFiles.FILE_URL, file.fileUrl())
                    .set(UploadedFiles.LAST_USED, greatest(UploadedFiles.LAST_USED, val(used)))
                    .set(UploadedFiles.ATTEMPTS, 0)
                    .set(UploadedFiles.NEXT_ATTEMPT, 0L)
                    .execute();
            return dsl.insertInto(Links.TABLE)
                    .set(Links.FILE_ID, file.fid())
                    .set(Links.SENDER, sender.toString())
                    .set(Links.FILE_NAME, file.fileName())
                    .set(Links.FILE_URL, file.fileUrl())
                    .set(Links.FILE_SIZE, file.size())
                    .set(Links.CREATED, clock.millis())
                    .set(Links.LAST_USED, used)
                    .onConflict(Links.FILE_ID, Links.SENDER)
                    .doUpdate()
                    .set(Links.FILE_NAME, file.fileName())
                    .set(Links.FILE_URL, file.fileUrl())
                    .set(Links.FILE_SIZE, file.size())
                    .set(Links.LAST_USED, greatest(Links.LAST_USED, val(used)))
                    .execute();
        });
    }

    @Override
    public List<DueFile> due(Instant unusedBefore, Instant now, int limit) {
        return db.query(dsl -> dsl.select(UploadedFiles.FILE_ID, UploadedFiles.FILE_URL, UploadedFiles.LAST_USED,
                        UploadedFiles.ATTEMPTS)
                .from(UploadedFiles.TABLE)
                .where(UploadedFiles.LAST_USED.lt(unusedBefore.toEpochMilli()),
                        UploadedFiles.NEXT_ATTEMPT.le(now.toEpochMilli()))
                .orderBy(UploadedFiles.LAST_USED, UploadedFiles.FILE_ID)
                .limit(limit)
                .fetch(r -> new DueFile(r.value1(), r.value2(), Instant.ofEpochMilli(r.value3()), r.value4())));
    }

    @Override
    public Optional<Instant> lastUse(String fileId) {
        return db.query(dsl -> dsl.select(UploadedFiles.LAST_USED).from(UploadedFiles.TABLE)
                .where(UploadedFiles.FILE_ID.eq(fileId))
                .fetchOptional(r -> Instant.ofEpochMilli(r.value1())));
    }

    @Override
    public boolean markDeleted(String fileId, Instant unusedBefore) {
        long before = unusedBefore.toEpochMilli();
        return db.transaction(dsl -> {
            int removed = dsl.deleteFrom(UploadedFiles.TABLE)
                    .where(UploadedFiles.FILE_ID.eq(fileId), UploadedFiles.LAST_USED.lt(before))
                    .execute();
            dsl.deleteFrom(Links.TABLE).where(Links.FILE_ID.eq(fileId), Links.LAST_USED.lt(before)).execute();
            return removed == 1 || !dsl.fetchExists(UploadedFiles.TABLE, UploadedFiles.FILE_ID.eq(fileId));
        });
    }

    @Override
    public void markFailed(String fileId, int attempts, Instant retryAt) {
        db.execute(dsl -> dsl.update(UploadedFiles.TABLE)
                .set(UploadedFiles.ATTEMPTS, attempts)
                .set(UploadedFiles.NEXT_ATTEMPT, retryAt.toEpochMilli())
                .where(UploadedFiles.FILE_ID.eq(fileId))
                .execute());
    }
}
