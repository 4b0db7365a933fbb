package org.appmsg.application.port.out;

/** The database (or another store) could not do what was asked; nothing of the failed call took effect. */
public final class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    private StorageUnavailableException(String message) {
        super(message, null, false, false);
    }

    /**
     * For a call refused before it reached the store, because the store is known to be down: without a stack
     * trace, which would say nothing about the outage, while an outage refuses many calls and each is logged.
     */
    public static StorageUnavailableException refusedAtOnce(String message) {
        return new StorageUnavailableException(message);
    }
}
