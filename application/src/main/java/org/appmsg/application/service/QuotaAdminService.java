package org.appmsg.application.service;

import org.appmsg.domain.quota.UsageCount;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.ManageQuotasUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.QuotaStore;
import org.appmsg.application.port.out.UsageLedger;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaScope;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Tenant;

/** {@link ManageQuotasUseCase} on the quota store, the usage ledger and this node's {@link UsageMeter}. */
public final class QuotaAdminService implements ManageQuotasUseCase {

    private final QuotaStore store;
    private final UsageLedger ledger;
    private final UsageMeter meter;
    private final DirectoryRepository directory;
    private final AuthenticateApplicationUseCase applications;
    private final Clock clock;

    /** Administers the quotas {@code meterCalls} enforces on this node. */
    public QuotaAdminService(QuotaStore store, UsageLedger ledger, MeterCallsService meterCalls,
            DirectoryRepository directory, AuthenticateApplicationUseCase applications, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.meter = meterCalls.meter();
        this.directory = directory;
        this.applications = applications;
        this.clock = clock;
    }

    @Override
    public Change put(Quota quota) {
        Optional<Change.NotFound> missing = missing(quota.scope());
        if (missing.isPresent()) {
            return missing.get();
        }
        store.put(quota, clock.instant());
        meter.refresh();
        return new Change.Done();
    }

    @Override
    public Change delete(QuotaScope scope, QuotaItem item, String key) {
        if (!store.delete(scope, item, key)) {
            return new Change.NotFound("no " + item.wire() + " quota " + key + " for " + scope.customer() + "/"
                    + scope.tenantWire());
        }
        meter.refresh();
        return new Change.Done();
    }

    @Override
    public Change setZone(CustomerId customer, ZoneId zone) {
        Optional<Change.NotFound> missing = missing(QuotaScope.customerWide(customer));
        if (missing.isPresent()) {
            return missing.get();
        }
        store.setZone(customer, zone, clock.instant());
        meter.refresh();
        return new Change.Done();
    }

    private Optional<Change.NotFound> missing(QuotaScope scope) {
        if (directory.findCustomer(scope.customer()).isEmpty()) {
            return Optional.of(new Change.NotFound("customerId " + scope.customer() + " does not exist"));
        }
        if (scope.tenant().isPresent() && directory.findTenant(scope.tenant().get()).map(Tenant::customer)
                .filter(scope.customer()::equals).isEmpty()) {
            return Optional.of(new Change.NotFound("tenantId " + scope.tenant().get() + " is not a tenant of "
                    + scope.customer()));
        }
        return Optional.empty();
    }

    @Override
    public List<QuotaUsage> list(CustomerId customer, Optional<TenantId> tenant) {
        meter.flush();
        return store.quotas().stream()
                .filter(q -> q.scope().customer().equals(customer))
                .filter(q -> tenant.isEmpty() || q.scope().tenant().isEmpty() || q.scope().tenant().equals(tenant))
                .map(this::withUsage)
                .toList();
    }

    private QuotaUsage withUsage(Quota q) {
        if (q.item() == QuotaItem.EXPIRE) {
            return new QuotaUsage(q, 0, -1);
        }
        long used = meter.used(q);
        return new QuotaUsage(q, used, q.unlimited() ? -1 : Math.max(0, q.value() - used));
    }

    @Override
    public List<UsageCount> usage(Optional<CustomerId> customer, LocalDate first, LocalDate last) {
        meter.flush();
        return ledger.between(customer, first, last);
    }

    @Override
    public Optional<List<QuotaUsage>> ownUsage(Secret applicationToken) {
        return applications.authenticate(applicationToken)
                .map(granted -> list(granted.customer(), Optional.of(granted.tenant())));
    }
}
