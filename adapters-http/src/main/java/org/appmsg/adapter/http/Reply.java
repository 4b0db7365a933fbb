package org.appmsg.adapter.http;

/**
 * A response ready to write. {@code ret} is the legacy return code as a metrics label, or empty on
 * routes that have none (admin, health).
 */
record Reply(int status, String contentType, String body, String ret) {

    static final String JSON = "application/json";
    static final String JAVASCRIPT = "application/javascript";

    static Reply json(int status, String body) {
        return new Reply(status, JSON, body, "");
    }
}
