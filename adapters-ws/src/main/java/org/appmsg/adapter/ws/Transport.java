package org.appmsg.adapter.ws;

/**
 * How a {@link Connection} reaches its client: a Java-WebSocket socket ({@link WebSocketTransport}) or a
 * legacy TCP socket ({@link TcpTransport}). Each implementation frames what it sends for its protocol.
 * No method blocks: they queue for the socket and return.
 */
interface Transport {

    /** A status line ({@code +h}, {@code -a}). False when the transport cannot take it. */
    boolean sendStatus(byte[] line);

    /** A message, framed for this protocol. False when the transport cannot take it (its queue is full). */
    boolean sendMessage(Frame frame, boolean newFormat);

    /** Messages waiting for the socket. */
    int queued();

    /** Sends what is already queued, then closes; {@code code} is the WebSocket close code (TCP has none). */
    void close(int code, String reason);

    /**
     * Drops every queued message that has not started going out, sends {@code status} unless it is null, then
     * closes as {@link #close} does: the client reads what its socket already holds, a message cut in half is
     * finished first, then the status and the close, however much was queued.
     */
    void closeDiscarding(int code, String reason, byte[] status);

    /** Closes at once, dropping what is queued. */
    void cut(int code, String reason);

    boolean isClosed();
}
