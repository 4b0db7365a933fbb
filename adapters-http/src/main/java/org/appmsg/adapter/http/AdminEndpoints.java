package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.appmsg.application.port.in.AuthenticateAdminUseCase;
import org.appmsg.application.port.in.CheckReadinessUseCase;
import org.appmsg.application.port.in.ManagePushPermissionUseCase;
import org.appmsg.application.port.in.ProvisionUseCase;
import org.appmsg.application.port.in.ProvisionUseCase.Request;
import org.appmsg.application.port.in.ProvisionUseCase.Result;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.ApplicationScope;
import org.appmsg.domain.tenant.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin port: provisioning and listing customers, tenants and applications, disabling, enabling
 * and re-keying applications ({@link ProvisionUseCase}), granting and revoking users' push permissions
 * ({@link ManagePushPermissionUseCase}), all behind the admin key ({@link AuthenticateAdminUseCase}); plus the
 * unauthenticated {@code /health}, {@code /ready} ({@link CheckReadinessUseCase}) and {@code /metrics}. The port
 * listens on loopback by default.
 */
final class AdminEndpoints {

    private static final Logger log = LoggerFactory.getLogger(AdminEndpoints.class);
    private static final String BEARER = "Bearer ";
    /**
     * The status of a created application. The directory contract (issue #3) says 201, but the admin API has
     * always answered 200 for every creation, and the bootstrap end-to-end fixture and the bench tool rely on it.
     */
    static final int APPLICATION_CREATED = 200;

    private final ProvisionUseCase provision;
    private final ManagePushPermissionUseCase permissions;
    private final AuthenticateAdminUseCase authenticate;
    private final CheckReadinessUseCase readiness;
    private final BooleanSupplier draining;
    private final Metrics metrics;
    private final int maxBodyBytes;

    AdminEndpoints(ProvisionUseCase provision, ManagePushPermissionUseCase permissions,
            AuthenticateAdminUseCase authenticate, CheckReadinessUseCase readiness, BooleanSupplier draining,
            Metrics metrics, int maxBodyBytes) {
        this.provision = provision;
        this.permissions = permissions;
        this.authenticate = authenticate;
        this.readiness = readiness;
        this.draining = draining;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code POST /admin/customers {id?, name}} */
    Reply createCustomer(Context ctx) {
        return provision(ctx, c -> {
            JsonFields body = body(c);
            return new Request.CreateCustomer(body.optionalString("id"), body.string("name"));
        });
    }

    /** {@code POST /admin/tenants {id?, code?, name, customerId}} */
    Reply createTenant(Context ctx) {
        return provision(ctx, c -> {
            JsonFields body = body(c);
            return new Request.CreateTenant(body.optionalString("id"), body.optionalString("code"),
                    body.string("name"), body.string("customerId"));
        });
    }

    /** {@code POST /admin/applications {id?, name, tenantId, scope?: "tenant"|"customer"}} (default tenant) */
    Reply createApplication(Context ctx) {
        return provision(ctx, c -> {
            JsonFields body = body(c);
            String id = body.optionalString("id");
            String name = body.string("name");
            String tenantId = body.string("tenantId");
            String scope = body.optionalString("scope");
            return new Request.CreateApplication(id, name, tenantId, scope.isEmpty() ? ApplicationScope.TENANT
                    : ApplicationScope.fromWire(scope).orElseThrow(() -> new BadRequestException(
                            "scope must be \"tenant\" or \"customer\"")));
        });
    }

    /** {@code GET /admin/customers} */
    Reply listCustomers(Context ctx) {
        return provision(ctx, c -> new Request.ListCustomers());
    }

    /** {@code GET /admin/tenants[?customerId=]}; absent or empty lists every tenant. */
    Reply listTenants(Context ctx) {
        return provision(ctx, c -> new Request.ListTenants(filter(c, "customerId", CustomerId::new)));
    }

    /** {@code GET /admin/applications[?tenantId=]}; absent or empty lists every application. */
    Reply listApplications(Context ctx) {
        return provision(ctx, c -> new Request.ListApplications(filter(c, "tenantId", TenantId::new)));
    }

    /** {@code POST /admin/applications/{id}/disable}; the body, if any, is not read. */
    Reply disableApplication(Context ctx) {
        return provision(ctx, c -> new Request.SetApplicationEnabled(applicationId(c), false));
    }

    /** {@code POST /admin/applications/{id}/enable}; the body, if any, is not read. */
    Reply enableApplication(Context ctx) {
        return provision(ctx, c -> new Request.SetApplicationEnabled(applicationId(c), true));
    }

    /** {@code POST /admin/applications/{id}/rotate-token}; the body, if any, is not read. */
    Reply rotateApplicationToken(Context ctx) {
        return provision(ctx, c -> new Request.RotateApplicationToken(applicationId(c)));
    }

    /** {@code GET /admin/users/{userId}/permissions} */
    Reply userPermissions(Context ctx) {
        return permissions(ctx, c -> new ManagePushPermissionUseCase.Request.Read(userId(c)));
    }

    /** {@code PUT /admin/users/{userId}/permissions {broadcast: true|false}}: grants or revokes. */
    Reply changeUserPermissions(Context ctx) {
        return permissions(ctx, c -> {
            UserId user = userId(c);
            return new ManagePushPermissionUseCase.Request.Change(user, body(c).bool("broadcast"));
        });
    }

    private Reply permissions(Context ctx, Function<Context, ManagePushPermissionUseCase.Request> parse) {
        return withKey(ctx, c -> switch (permissions.manage(parse.apply(c))) {
            case ManagePushPermissionUseCase.Result.Permissions p -> Reply.json(200, JsonFields.compact(
                    JsonFields.MAPPER.createObjectNode().put("userId", p.user().value())
                            .put("broadcast", p.broadcast())));
            case ManagePushPermissionUseCase.Result.NotFound notFound -> Envelope.adminError(404, notFound.reason());
        });
    }

    private JsonFields body(Context ctx) {
        return JsonFields.readBody(ctx, maxBodyBytes);
    }

    /** A query parameter that must be a well-formed id when given; {@code ""} when absent or empty. */
    private static String filter(Context ctx, String name, Function<String, ?> idType) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return "";
        }
        try {
            idType.apply(value);
        } catch (DomainViolation e) {
            throw new BadRequestException(name + ": " + e.getMessage());
        }
        return value;
    }

    private static UserId userId(Context ctx) {
        return pathParam(ctx, "userId", UserId::new);
    }

    private static String applicationId(Context ctx) {
        return pathParam(ctx, "id", AppId::new).value();
    }

    /** A path parameter as a domain value; the value's complaint is prefixed with the parameter's name. */
    private static <T> T pathParam(Context ctx, String name, Function<String, T> type) {
        try {
            return type.apply(ctx.pathParam(name));
        } catch (DomainViolation e) {
            throw new BadRequestException(name + ": " + e.getMessage());
        }
    }

    /**
     * Runs {@code action} for a caller with the admin key, else answers 401. Authenticates first: an
     * unauthenticated caller learns nothing about the request's validity.
     */
    Reply withKey(Context ctx, Function<Context, Reply> action) {
        return keyProblem(ctx).map(problem -> unauthorized(ctx, problem)).orElseGet(() -> action.apply(ctx));
    }

    /** Why the caller is not the operator (no key, or a wrong one); empty when it holds the admin key. */
    Optional<String> keyProblem(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
            return Optional.of("admin key required: Authorization: Bearer <key>");
        }
        if (!authenticate.isAdmin(header.substring(BEARER.length()).strip())) {
            return Optional.of("admin key rejected");
        }
        return Optional.empty();
    }

    private Reply provision(Context ctx, Function<Context, Request> parse) {
        return withKey(ctx, c -> provisioned(provision.provision(parse.apply(c))));
    }

    private static Reply provisioned(Result result) {
        ObjectNode out = JsonFields.MAPPER.createObjectNode();
        int status = 200;
        switch (result) {
            case Result.CustomerSaved saved -> out
                    .put("id", saved.customer().id().value())
                    .put("name", saved.customer().name());
            case Result.TenantSaved saved -> out
                    .put("id", saved.tenant().id().value())
                    .put("code", saved.tenant().code())
                    .put("name", saved.tenant().name())
                    .put("customerId", saved.tenant().customer().value());
            case Result.ApplicationCreated created -> {
                out.setAll(json(created.application()));
                out.put("token", created.token().value());
                status = APPLICATION_CREATED;
            }
            case Result.Customers list -> {
                ArrayNode items = out.putArray("customers");
                list.customers().forEach(c -> items.addObject().put("id", c.id().value()).put("name", c.name()));
            }
            case Result.Tenants list -> {
                ArrayNode items = out.putArray("tenants");
                list.tenants().forEach(t -> items.add(json(t)));
            }
            case Result.Applications list -> {
                ArrayNode items = out.putArray("applications");
                list.applications().forEach(a -> items.add(json(a)));
            }
            case Result.ApplicationUpdated updated -> out.setAll(json(updated.application()));
            case Result.TokenRotated rotated -> {
                out.setAll(json(rotated.application()));
                out.put("token", rotated.token().value());
            }
            case Result.NotFound notFound -> {
                return Envelope.adminError(404, notFound.reason());
            }
            case Result.Refused refused -> {
                return Envelope.adminError(409, refused.reason());
            }
        }
        return Reply.json(status, JsonFields.compact(out));
    }

    private static ObjectNode json(Tenant t) {
        return JsonFields.MAPPER.createObjectNode()
                .put("id", t.id().value())
                .put("code", t.code())
                .put("name", t.name())
                .put("customerId", t.customer().value())
                .put("status", t.status());
    }

    private static ObjectNode json(Application a) {
        return JsonFields.MAPPER.createObjectNode()
                .put("id", a.id().value())
                .put("name", a.name())
                .put("tenantId", a.tenant().value())
                .put("scope", a.scope().wire())
                .put("enabled", a.enabled());
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
