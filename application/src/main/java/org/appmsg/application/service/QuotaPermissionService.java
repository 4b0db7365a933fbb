package org.appmsg.application.service;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.function.Supplier;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase.Granted;
import org.appmsg.application.port.in.ManageQuotaPermissionUseCase;
import org.appmsg.application.port.in.ManageQuotasUseCase;
import org.appmsg.application.port.in.SyncQuotaUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.QuotaPermissions;
import org.appmsg.application.port.out.QuotaStore;
import org.appmsg.domain.quota.Period;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaScope;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Tenant;

/**
 * The operator's grant of the quota permission to applications, and the legacy {@code syncQuota} it opens. A
 * granted application sets rows of its own customer only (a tenant of it or {@code *}), through the same
 * {@link ManageQuotasUseCase#put} as the operator, so the row applies on this node at once and on every node
 * within 5 s. The grant is read on every call, uncached: a revoke holds from the next call on, on every node.
 *
 * <p>Legacy mapping of the body: {@code type} is the item; {@code apiName} the key, and for an {@code expire} row an
 * empty {@code apiName} (the legacy push deadline) is {@code *}, every route; {@code value} is a count, or for
 * {@code expire} the legacy {@code yyyy/MM/dd HH:mm:ss} read in the customer's zone (or epoch milliseconds). Legacy
 * push quotas had an empty {@code apiName} for every push type together; here each push type has its own row, so
 * an empty one is refused naming the field.
 */
public final class QuotaPermissionService implements ManageQuotaPermissionUseCase, SyncQuotaUseCase {

    private static final DateTimeFormatter LEGACY_DEADLINE = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    private final AuthenticateApplicationUseCase applications;
    private final QuotaPermissions permissions;
    private final DirectoryRepository directory;
    private final QuotaStore store;
    private final ManageQuotasUseCase quotas;
    private final Clock clock;

    public QuotaPermissionService(AuthenticateApplicationUseCase applications, QuotaPermissions permissions,
            DirectoryRepository directory, QuotaStore store, ManageQuotasUseCase quotas, Clock clock) {
        this.applications = applications;
        this.permissions = permissions;
        this.directory = directory;
        this.store = store;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public ManageQuotaPermissionUseCase.Result manage(Request request) {
        if (directory.findApplication(request.application()).isEmpty()) {
            return new ManageQuotaPermissionUseCase.Result.NotFound("application " + request.application().value()
                    + " does not exist");
        }
        if (request instanceof Request.Change change) {
            permissions.setMaySetQuotas(change.application(), change.syncQuota(), clock.instant());
        }
        return new ManageQuotaPermissionUseCase.Result.Permission(request.application(),
                permissions.maySetQuotas(request.application()));
    }

    @Override
    public SyncQuotaUseCase.Result sync(Command command) {
        Optional<Granted> granted = applications.authenticate(command.token());
        if (granted.isEmpty()) {
            return new SyncQuotaUseCase.Result.NotPermitted("Authorization failure");
        }
        Granted app = granted.get();
        if (!permissions.maySetQuotas(app.application().id())) {
            return new SyncQuotaUseCase.Result.NotPermitted("application " + app.application().id().value()
                    + " may not set quotas: the operator grants that permission");
        }
        if (!command.customerId().equals(app.customer().value())) {
            return new SyncQuotaUseCase.Result.NotPermitted("application " + app.application().id().value()
                    + " may set quotas of its own customer " + app.customer() + " only");
        }
        try {
            Quota quota = quota(command, app.customer());
            return switch (quotas.put(quota)) {
                case ManageQuotasUseCase.Change.Done done -> new SyncQuotaUseCase.Result.Done(quota);
                case ManageQuotasUseCase.Change.NotFound missing ->
                        new SyncQuotaUseCase.Result.Invalid("quata.tenantId", missing.message());
            };
        } catch (Refused refused) {
            return refused.invalid;
        }
    }

    /** The row the command describes, or {@link Refused} naming the wrong field. */
    private Quota quota(Command command, CustomerId customer) {
        QuotaScope scope;
        if (command.tenantId().equals(QuotaScope.ANY_TENANT)) {
            scope = QuotaScope.customerWide(customer);
        } else {
            TenantId tenant = parse("quata.tenantId", () -> new TenantId(command.tenantId()));
            if (directory.findTenant(tenant).map(Tenant::customer).filter(customer::equals).isEmpty()) {
                throw new Refused("quata.tenantId", "quata.tenantId " + tenant + " is not a tenant of " + customer);
            }
            scope = QuotaScope.tenant(customer, tenant);
        }
        QuotaItem item = QuotaItem.of(command.type()).orElseThrow(
                () -> new Refused("quata.type", "quata.type must be api_cnt, push_cnt or expire"));
        Period period = command.period().isEmpty() ? Period.TOTAL : Period.of(command.period()).orElseThrow(
                () -> new Refused("quata.period", "quata.period must be total, month or day"));
        String key = item == QuotaItem.EXPIRE && command.apiName().isEmpty() ? Quota.ALL_ROUTES : command.apiName();
        long value = item == QuotaItem.EXPIRE ? deadline(command.value(), zone(customer)) : count(command.value());
        return parse(null, () -> new Quota(scope, item, key, period, value));
    }

    private ZoneId zone(CustomerId customer) {
        return store.zones().getOrDefault(customer, ZoneOffset.UTC);
    }

    private static long count(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Refused("quata.value", "quata.value must be an integer, -1 for unlimited");
        }
    }

    private static long deadline(String text, ZoneId zone) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return count(text);
        }
        try {
            return LocalDateTime.parse(text, LEGACY_DEADLINE).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new Refused("quata.value", "quata.value of an expire quota must be a deadline yyyy/MM/dd HH:mm:ss"
                    + " (in the customer's time zone) or epoch milliseconds");
        }
    }

    /** Runs {@code make}; a violation names {@code field}, or (null) the field its code names. */
    private static <T> T parse(String field, Supplier<T> make) {
        try {
            return make.get();
        } catch (DomainViolation e) {
            String named = field != null ? field : switch (e.code()) {
                case "quota.key" -> "quata.apiName";
                case "quota.period" -> "quata.period";
                default -> "quata.value";
            };
            String message = e.getMessage().replaceFirst("^(key|value|period)\\b", named);
            throw new Refused(named, message.startsWith(named) ? message : named + ": " + message);
        }
    }

    /** Bad input found while building the row: answered as {@link SyncQuotaUseCase.Result.Invalid}. */
    private static final class Refused extends RuntimeException {
        private final SyncQuotaUseCase.Result.Invalid invalid;

        Refused(String field, String message) {
            super(message, null, false, false);
            this.invalid = new SyncQuotaUseCase.Result.Invalid(field, message);
        }
    }
}
