package org.appmsg.application.port.out;

/** The database (or another store) could not do what was asked; nothing of the failed call took effect. */
public final class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
