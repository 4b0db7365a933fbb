package org.appmsg.adapter.http;

import org.appmsg.domain.quota.UsageCount;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.appmsg.application.port.in.ManageQuotasUseCase;
import org.appmsg.application.port.in.ManageQuotasUseCase.Change;
import org.appmsg.application.port.in.ManageQuotasUseCase.QuotaUsage;
import org.appmsg.application.port.in.ManageQuotaPermissionUseCase;
import org.appmsg.application.port.in.ReportUsageUseCase;
import org.appmsg.application.port.in.SyncQuotaUseCase;
import org.appmsg.application.port.out.UsageLedger;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.quota.Period;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaScope;
import org.appmsg.domain.quota.ReportKind;
import org.appmsg.domain.quota.UsageReport;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.TenantId;

/**
 * Quotas and usage ({@link ManageQuotasUseCase}, {@link ReportUsageUseCase}): the operator's {@code /admin/quotas},
 * {@code /admin/usage}, {@code /admin/reports} and {@code /admin/applications/{id}/permissions} routes behind the
 * admin key, {@code POST /app/client/app/syncQuota} for an application the operator granted it, and {@code POST /app/client/app/getQuotaUsage} for an application reading its own tenant's quotas and usage.
 */
final class QuotaEndpoints {

    private final ManageQuotasUseCase quotas;
    private final ReportUsageUseCase reports;
    private final SyncQuotaUseCase sync;
    private final ManageQuotaPermissionUseCase permissions;
    private final AdminEndpoints admin;
    private final int maxBodyBytes;

    QuotaEndpoints(HttpAdapter.Quotas useCases, AdminEndpoints admin, int maxBodyBytes) {
        this.quotas = useCases.manage();
        this.reports = useCases.reports();
        this.sync = useCases.sync();
        this.permissions = useCases.permissions();
        this.admin = admin;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * {@code PUT /admin/quotas {customerId, tenantId: "*"|id, item, key, period?, value}}: creates or replaces the
     * row of (customer, tenant, item, key). {@code period} is total, month or day (default total); {@code value}
     * -1 is unlimited; for {@code expire} it is the deadline in epoch milliseconds.
     */
    Reply put(Context ctx) {
        return admin.withKey(ctx, c -> {
            JsonFields body = JsonFields.readBody(c, maxBodyBytes);
            QuotaScope scope = scope(body.string("customerId"), body.string("tenantId"));
            QuotaItem item = QuotaItem.of(body.string("item")).orElseThrow(
                    () -> new BadRequestException("item must be api_cnt, push_cnt or expire"));
            String periodText = body.optionalString("period");
            Period period = periodText.isEmpty() ? Period.TOTAL : Period.of(periodText).orElseThrow(
                    () -> new BadRequestException("period must be total, month or day"));
            JsonNode value = body.required("value");
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw new BadRequestException("value must be an integer");
            }
            Quota quota;
            try {
                quota = new Quota(scope, item, body.string("key"), period, value.longValue());
            } catch (DomainViolation e) {
                throw new BadRequestException(e.getMessage());
            }
            return changed(quotas.put(quota), () -> Reply.json(200, JsonFields.compact(json(quota))));
        });
    }

    /** {@code DELETE /admin/quotas?customerId=&tenantId=&item=&key=}: 404 when there is no such row. */
    Reply delete(Context ctx) {
        return admin.withKey(ctx, c -> {
            QuotaScope scope = scope(query(c, "customerId"), query(c, "tenantId"));
            QuotaItem item = QuotaItem.of(query(c, "item")).orElseThrow(
                    () -> new BadRequestException("item must be api_cnt, push_cnt or expire"));
            return changed(quotas.delete(scope, item, query(c, "key")), () -> Reply.json(200, "{}"));
        });
    }

    /** {@code PUT /admin/quotas/zone {customerId, zone}}: the IANA zone of the customer's days and months. */
    Reply setZone(Context ctx) {
        return admin.withKey(ctx, c -> {
            JsonFields body = JsonFields.readBody(c, maxBodyBytes);
            CustomerId customer = body.parsed("customerId", CustomerId::new);
            String zoneText = body.string("zone");
            ZoneId zone;
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                throw new BadRequestException("zone must be an IANA time zone such as Asia/Shanghai");
            }
            return changed(quotas.setZone(customer, zone), () -> Reply.json(200, JsonFields.compact(
                    JsonFields.MAPPER.createObjectNode().put("customerId", customer.value())
                            .put("zone", zone.getId()))));
        });
    }

    /** {@code GET /admin/quotas?customerId=[&tenantId=]}: the rows with their current window's usage. */
    Reply list(Context ctx) {
        return admin.withKey(ctx, c -> {
            CustomerId customer = id(c, "customerId", CustomerId::new);
            String tenant = Optional.ofNullable(c.queryParam("tenantId")).orElse("");
            Optional<TenantId> only = tenant.isEmpty() ? Optional.empty() : Optional.of(id(c, "tenantId",
                    TenantId::new));
            return Reply.json(200, JsonFields.compact(usageJson(quotas.list(customer, only))));
        });
    }

    /**
     * {@code GET /admin/usage?from=yyyy-mm-dd&to=yyyy-mm-dd[&customerId=]}: the stored usage rows of those local
     * days (both included).
     */
    Reply usage(Context ctx) {
        return admin.withKey(ctx, c -> {
            LocalDate from = date(c, "from");
            LocalDate to = date(c, "to");
            if (to.isBefore(from)) {
                throw new BadRequestException("to must not be before from");
            }
            String customer = Optional.ofNullable(c.queryParam("customerId")).orElse("");
            Optional<CustomerId> only = customer.isEmpty() ? Optional.empty()
                    : Optional.of(id(c, "customerId", CustomerId::new));
            List<UsageCount> rows = quotas.usage(only, from, to);
            ObjectNode out = JsonFields.MAPPER.createObjectNode();
            out.put("from", from.toString()).put("to", to.toString());
            ArrayNode list = out.putArray("rows");
            for (UsageCount u : rows) {
                list.addObject().put("customerId", u.customer().value()).put("tenantId", u.tenant().value())
                        .put("counter", u.counter()).put("key", u.key()).put("day", u.day().toString())
                        .put("count", u.count());
            }
            return Reply.json(200, JsonFields.compact(out));
        });
    }

    /**
     * {@code GET /admin/reports?kind=&from=yyyy-mm-dd&to=yyyy-mm-dd[&customerId=]}: a usage report
     * ({@link ReportKind}: {@code api-by-route}, {@code push-by-tenant}, …) of those local days, both included.
     * Answers {@code {kind, from, to, customerId?, column, lines:[{<column>, count}], total}}.
     */
    Reply report(Context ctx) {
        return admin.withKey(ctx, c -> {
            String kindText = query(c, "kind");
            ReportKind kind = ReportKind.of(kindText).orElseThrow(
                    () -> new BadRequestException("kind must be one of " + ReportKind.names()));
            LocalDate from = date(c, "from");
            LocalDate to = date(c, "to");
            String customer = Optional.ofNullable(c.queryParam("customerId")).orElse("");
            Optional<CustomerId> only = customer.isEmpty() ? Optional.empty()
                    : Optional.of(id(c, "customerId", CustomerId::new));
            return switch (reports.report(new ReportUsageUseCase.Command(kind, from, to, only))) {
                case ReportUsageUseCase.Result.Report r -> Reply.json(200, JsonFields.compact(reportJson(r)));
                case ReportUsageUseCase.Result.Invalid invalid -> throw new BadRequestException(invalid.message());
                case ReportUsageUseCase.Result.NotFound missing -> Envelope.adminError(404, missing.message());
            };
        });
    }

    private static ObjectNode reportJson(ReportUsageUseCase.Result.Report r) {
        var command = r.command();
        ObjectNode out = JsonFields.MAPPER.createObjectNode();
        out.put("kind", command.kind().wire()).put("from", command.from().toString())
                .put("to", command.to().toString());
        command.customer().ifPresent(customer -> out.put("customerId", customer.value()));
        out.put("column", command.kind().column());
        ArrayNode lines = out.putArray("lines");
        for (UsageReport.Line line : r.report().lines()) {
            lines.addObject().put(command.kind().column(), line.label()).put("count", line.count());
        }
        out.put("total", r.report().total());
        return out;
    }

    /** {@code POST /app/client/app/getQuotaUsage {baseRequest:{token}}}: the application's own tenant only. */
    Reply ownUsage(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        return quotas.ownUsage(token)
                .map(list -> Envelope.appOk(usageJson(list)))
                .orElseGet(() -> Envelope.appRefusal(Ret.AUTH_ERR, DirectoryEndpoints.APP_UNAUTHORIZED));
    }

    /**
     * {@code POST /app/client/app/syncQuota {baseRequest:{token}, quata:{customerId, tenantId, apiName, type, value,
     * period?}}} (legacy 3.10; the fields are strings, {@code value} may be a number): creates or replaces one quota
     * row of the application's own customer, for an application the operator granted it; any other application
     * 65533; a wrong field 65534 naming it, changing nothing. Answers the row stored.
     */
    Reply syncQuota(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        JsonFields quata = body.object("quata");
        var command = new SyncQuotaUseCase.Command(token, text(quata, "customerId", true),
                text(quata, "tenantId", true), text(quata, "apiName", false), text(quata, "type", true),
                text(quata, "value", true), text(quata, "period", false));
        return switch (sync.sync(command)) {
            case SyncQuotaUseCase.Result.Done done -> Envelope.appOk(JsonFields.MAPPER.createObjectNode()
                    .set("quota", json(done.quota())));
            case SyncQuotaUseCase.Result.NotPermitted refused -> Envelope.appRefusal(Ret.AUTH_ERR, refused.reason());
            case SyncQuotaUseCase.Result.Invalid invalid -> Envelope.appRefusal(Ret.PARAM_ERR, invalid.message());
        };
    }

    /** A legacy string field (a number is taken as its digits); absent is {@code ""} unless {@code required}. */
    private static String text(JsonFields object, String field, boolean required) {
        Optional<JsonNode> value = object.optional(field);
        if (value.isEmpty()) {
            if (required) {
                throw new BadRequestException(object.path(field) + " is required");
            }
            return "";
        }
        if (value.get().isIntegralNumber()) {
            return value.get().asText();
        }
        return object.optionalString(field);
    }

    /** {@code GET /admin/applications/{id}/permissions}: {@code {applicationId, syncQuota}}. */
    Reply applicationPermissions(Context ctx) {
        return quotaPermission(ctx, c -> new ManageQuotaPermissionUseCase.Request.Read(applicationId(c)));
    }

    /** {@code PUT /admin/applications/{id}/permissions {syncQuota: true|false}}: grants or revokes. */
    Reply changeApplicationPermissions(Context ctx) {
        return quotaPermission(ctx, c -> {
            AppId app = applicationId(c);
            return new ManageQuotaPermissionUseCase.Request.Change(app,
                    JsonFields.readBody(c, maxBodyBytes).bool("syncQuota"));
        });
    }

    private Reply quotaPermission(Context ctx, Function<Context, ManageQuotaPermissionUseCase.Request> parse) {
        return admin.withKey(ctx, c -> switch (permissions.manage(parse.apply(c))) {
            case ManageQuotaPermissionUseCase.Result.Permission p -> Reply.json(200, JsonFields.compact(
                    JsonFields.MAPPER.createObjectNode().put("applicationId", p.application().value())
                            .put("syncQuota", p.syncQuota())));
            case ManageQuotaPermissionUseCase.Result.NotFound missing -> Envelope.adminError(404, missing.reason());
        });
    }

    private static AppId applicationId(Context ctx) {
        return parse("id", ctx.pathParam("id"), AppId::new);
    }

    private static ObjectNode usageJson(List<QuotaUsage> list) {
        ObjectNode out = JsonFields.MAPPER.createObjectNode();
        ArrayNode rows = out.putArray("quotas");
        for (QuotaUsage u : list) {
            rows.add(json(u.quota()).put("used", u.used()).put("remaining", u.remaining()));
        }
        return out;
    }

    static ObjectNode json(Quota q) {
        return JsonFields.MAPPER.createObjectNode().put("customerId", q.scope().customer().value())
                .put("tenantId", q.scope().tenantWire()).put("item", q.item().wire()).put("key", q.key())
                .put("period", q.period().wire()).put("value", q.value());
    }

    private static Reply changed(Change change, java.util.function.Supplier<Reply> done) {
        return switch (change) {
            case Change.Done d -> done.get();
            case Change.NotFound n -> Envelope.adminError(404, n.message());
        };
    }

    private static QuotaScope scope(String customerText, String tenantText) {
        CustomerId customer = parse("customerId", customerText, CustomerId::new);
        if (tenantText.equals(QuotaScope.ANY_TENANT)) {
            return QuotaScope.customerWide(customer);
        }
        return QuotaScope.tenant(customer, parse("tenantId", tenantText, TenantId::new));
    }

    private static <T> T parse(String name, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (DomainViolation e) {
            throw new BadRequestException(name + ": " + e.getMessage());
        }
    }

    private static String query(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            throw new BadRequestException(name + " is required");
        }
        return value;
    }

    private static <T> T id(Context ctx, String name, java.util.function.Function<String, T> parser) {
        return parse(name, query(ctx, name), parser);
    }

    private static LocalDate date(Context ctx, String name) {
        try {
            return LocalDate.parse(query(ctx, name));
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be a date yyyy-mm-dd");
        }
    }
}
