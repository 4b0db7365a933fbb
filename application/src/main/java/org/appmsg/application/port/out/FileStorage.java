package org.appmsg.application.port.out;

import java.util.Objects;

/**
 * The file store clients upload files to (legacy WeedFS), as far as the server deals with it: deleting a file
 * that is no longer used (R20). Blocks for one call, bounded by the adapter's timeouts; thread-safe.
 */
public interface FileStorage {

    /**
     * Deletes the file {@code fileId} (last linked as {@code fileUrl}). Never throws for a failure of the
     * store or the network: that is {@link Deletion.Failed}, and the caller tries again later.
     */
    Deletion delete(String fileId, String fileUrl);

    /** What the store said. */
    sealed interface Deletion {

        /** The store deleted the file. */
        record Deleted() implements Deletion {}

        /** The store does not have the file (HTTP 404): nothing left to delete, which counts as done. */
        record Gone() implements Deletion {}

        /** The file may still be there: the store refused or could not be reached. {@code reason} is for logs. */
        record Failed(String reason) implements Deletion {
            public Failed {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
