package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.appmsg.application.port.in.AuthenticateAdminUseCase;
import org.appmsg.application.port.in.CheckReadinessUseCase;
import org.appmsg.application.port.in.ProvisionUseCase;
import org.appmsg.application.port.in.ProvisionUseCase.Request;
import org.appmsg.application.port.in.ProvisionUseCase.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin port: provisioning ({@link ProvisionUseCase}) behind the admin key
 * ({@link AuthenticateAdminUseCase}), plus the unauthenticated {@code /health}, {@code /ready}
 * ({@link CheckReadinessUseCase}) and {@code /metrics}. The port listens on loopback by default.
 */
final class AdminEndpoints {

    private static final Logger log = LoggerFactory.getLogger(AdminEndpoints.class);
    private static final String BEARER = "Bearer ";

    private final ProvisionUseCase provision;
    private final AuthenticateAdminUseCase authenticate;
    private final CheckReadinessUseCase readiness;
    private final BooleanSupplier draining;
    private final Metrics metrics;
    private final int maxBodyBytes;

    AdminEndpoints(ProvisionUseCase provision, AuthenticateAdminUseCase authenticate, CheckReadinessUseCase readiness,
            BooleanSupplier draining, Metrics metrics, int maxBodyBytes) {
        this.provision = provision;
        this.authenticate = authenticate;
        this.readiness = readiness;
        this.draining = draining;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    Reply createCustomer(Context ctx) {
        return provision(ctx, body -> new Request.CreateCustomer(body.optionalString("id"), body.string("name")));
    }

    Reply createTenant(Context ctx) {
        return provision(ctx, body -> new Request.CreateTenant(body.optionalString("id"), body.optionalString("code"),
                body.string("name"), body.string("customerId")));
    }

    Reply createApplication(Context ctx) {
        return provision(ctx, body -> new Request.CreateApplication(body.optionalString("id"), body.string("name"),
                body.string("tenantId")));
    }

    /** Authenticates first: an unauthenticated caller learns nothing about the body's validity. */
    private Reply provision(Context ctx, Function<JsonFields, Request> parse) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
            return unauthorized(ctx, "admin key required: Authorization: Bearer <key>");
        }
        if (!authenticate.isAdmin(header.substring(BEARER.length()).strip())) {
            return unauthorized(ctx, "admin key rejected");
        }
        Request command = parse.apply(JsonFields.readBody(ctx, maxBodyBytes));
        ObjectNode out = JsonFields.MAPPER.createObjectNode();
        switch (provision.provision(command)) {
            case Result.CustomerSaved saved -> out
                    .put("id", saved.customer().id().value())
                    .put("name", saved.customer().name());
            case Result.TenantSaved saved -> out
                    .put("id", saved.tenant().id().value())
                    .put("code", saved.tenant().code())
                    .put("name", saved.tenant().name())
                    .put("customerId", saved.tenant().customer().value());
            case Result.ApplicationCreated created -> out
                    .put("id", created.application().id().value())
                    .put("name", created.application().name())
                    .put("tenantId", created.application().tenant().value())
                    .put("token", created.token().value());
            case Result.Refused refused -> {
                return Envelope.adminError(409, refused.reason());
            }
        }
        return Reply.json(200, JsonFields.compact(out));
    }

    private static Reply unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Bearer");
        return Envelope.adminError(401, message);
    }

    Reply health(Context ctx) {
        return Reply.json(200, "{\"status\":\"UP\"}");
    }

    /** Not ready while storage is down, and from the moment {@code stop()} begins draining. */
    Reply ready(Context ctx) {
        List<String> problems = new ArrayList<>();
        try {
            problems.addAll(readiness.problems());
        } catch (RuntimeException e) {
            log.warn("readiness check failed", e);
            problems.add("readiness check failed: " + e.getClass().getSimpleName());
        }
        if (draining.getAsBoolean()) {
            problems.add("shutting down");
        }
        if (problems.isEmpty()) {
            return Reply.json(200, "{\"status\":\"READY\"}");
        }
        ObjectNode out = JsonFields.MAPPER.createObjectNode().put("status", "NOT_READY");
        ArrayNode list = out.putArray("problems");
        problems.forEach(list::add);
        return Reply.json(503, JsonFields.compact(out));
    }

    Reply metrics(Context ctx) {
        return new Reply(200, Metrics.CONTENT_TYPE, metrics.scrape(), "");
    }
}
