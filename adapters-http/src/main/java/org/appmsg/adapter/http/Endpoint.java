package org.appmsg.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.shared.DomainViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one route's action and is the one place where exceptions become responses: bad input →
 * 65534 / 400, storage down → 503, anything else → 500 (logged once, with its stack). It also times
 * and counts the request. Never logs bodies, query strings or headers: they carry tokens and passwords.
 */
final class Endpoint implements Handler {

    private static final Logger log = LoggerFactory.getLogger(Endpoint.class);

    static final String STORAGE_UNAVAILABLE = "storage unavailable, retry";
    static final String INTERNAL_ERROR = "internal error";

    private final String route;
    private final Envelope envelope;
    private final Function<Context, Reply> action;
    private final Metrics.RouteStats stats;

    Endpoint(String route, Envelope envelope, Function<Context, Reply> action, Metrics metrics) {
        this.route = route;
        this.envelope = envelope;
        this.action = action;
        this.stats = metrics.route(route);
    }

    @Override
    public void handle(Context ctx) {
        long start = System.nanoTime();
        String requestId = RequestId.of(ctx.header(RequestId.HEADER));
        MDC.put(RequestId.MDC_KEY, requestId); // every log line of this request carries it
        try {
            Reply reply = run(ctx);
            ctx.status(reply.status())
                    .contentType(reply.contentType())
                    .header("X-Content-Type-Options", "nosniff")
                    .header(RequestId.HEADER, requestId)
                    .result(reply.body().getBytes(StandardCharsets.UTF_8));
            stats.record(reply.status(), reply.ret(), System.nanoTime() - start);
        } finally {
            MDC.remove(RequestId.MDC_KEY);
        }
    }

    private Reply run(Context ctx) {
        try {
            return action.apply(ctx);
        } catch (BadRequestException | DomainViolation e) {
            return envelope.badRequest(ctx, e.getMessage());
        } catch (StorageUnavailableException e) {
            log.warn("{}: storage unavailable", route, e);
            return envelope.failure(ctx, 503, STORAGE_UNAVAILABLE);
        } catch (Exception e) { // also what a library may throw undeclared
            log.error("{}: unexpected failure", route, e);
            return envelope.failure(ctx, 500, INTERNAL_ERROR);
        }
    }
}
