package org.appmsg.adapter.ws;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.appmsg.application.port.in.CloseSessionUseCase;
import org.appmsg.application.port.in.OpenSessionUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path every transport takes once a request parsed: the token check and session opening
 * ({@link OpenSessionUseCase}), registration and {@code +h}, the first read of the mailbox (the replay, or
 * where a new connection's stream starts), and the session's end ({@link CloseSessionUseCase}). The use cases
 * may block, so all of it runs on the adapter's virtual-thread executor, never on a selector or socket thread.
 */
final class Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    /** Legacy "channel refused"; here: the user has too many live sessions. */
    private static final byte[] REFUSED = "-c\r\n".getBytes(StandardCharsets.US_ASCII);

    private final WebSocketAdapter.Settings settings;
    private final OpenSessionUseCase openSession;
    private final CloseSessionUseCase closeSession;
    private final MidSequencer.Backfill backfill;
    private final ExecutorService blocking;

    Subscriber(WebSocketAdapter.Settings settings, OpenSessionUseCase openSession, CloseSessionUseCase closeSession,
            MidSequencer.Backfill backfill, ExecutorService blocking) {
        this.settings = settings;
        this.openSession = openSession;
        this.closeSession = closeSession;
        this.backfill = backfill;
        this.blocking = blocking;
    }

    /** How the connections' sequencers read their mailboxes. */
    MidSequencer.Backfill backfill() {
        return backfill;
    }

    /** Subscribes {@code connection} in the background; closes it when the adapter is shutting down. */
    void subscribe(Connection connection, SubscribeRequest request) {
        try {
            blocking.execute(() -> run(connection, request));
        } catch (RejectedExecutionException e) {
            connection.close(Connection.SHUTTING_DOWN, "server shutting down");
        }
    }

    private void run(Connection connection, SubscribeRequest request) {
        try {
            var result = openSession.open(new OpenSessionUseCase.Command(request.key(), request.token()));
            switch (result) {
                case OpenSessionUseCase.Result.Rejected rejected ->
                        connection.refuse(Connection.UNAUTHORIZED, "unauthorized");
                case OpenSessionUseCase.Result.TooManySessions many ->
                        connection.refuse(REFUSED, "too many sessions for this user (limit " + many.limit() + ")");
                case OpenSessionUseCase.Result.Opened opened -> {
                    connection.sessionOpened(() -> endSession(request), opened.token());
                    switch (connection.admit(settings.maxConnectionsPerKey())) {
                        case ADMITTED -> connection.catchUp();
                        case KEY_FULL -> connection.close(Connection.REFUSED, "too many connections for this key");
                        case TOKEN_REVOKED, CLOSING -> { } // closed already
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("subscribing {} failed", request.key(), e);
            connection.close(Connection.FAILED, "try again later");
        }
    }

    /** Presence may block (the cluster keeps it in Redis): never on a selector or socket thread. */
    private void endSession(SubscribeRequest request) {
        Runnable end = () -> {
            try {
                closeSession.close(request.key());
            } catch (RuntimeException e) {
                log.warn("ending the session of {} failed", request.key(), e);
            }
        };
        try {
            blocking.execute(end);
        } catch (RejectedExecutionException e) {
            end.run(); // shutting down: end it here rather than leave it live
        }
    }
}
