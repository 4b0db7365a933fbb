package org.appmsg.adapter.http;

/**
 * The request is malformed; the message names the field and the problem and is shown to the caller
 * (65534 on the legacy routes, 400 on the admin API). Thrown before any use case is called.
 */
final class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message, null, false, false);
    }
}
