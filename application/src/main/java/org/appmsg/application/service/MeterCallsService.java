package org.appmsg.application.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.CountRecipientsUseCase;
import org.appmsg.application.port.in.MeterCallsUseCase;
import org.appmsg.application.port.in.SyncUsageUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.QuotaStore;
import org.appmsg.application.port.out.SharedMeters;
import org.appmsg.application.port.out.UsageLedger;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.quota.Admission;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.UsageCount;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Tenant;
import org.appmsg.domain.user.User;

/**
 * The quota gate on a {@link UsageMeter}: finds the caller's tenant and customer (token lookups are the cached
 * ones the routes use anyway), then checks {@code expire}, counts {@code api_cnt} for the route and, for a push,
 * {@code push_cnt} for its type. A push to many recipients is one push of its type; the recipients it stored are
 * counted apart ({@code recipients}, by push type), for the reports.
 */
public final class MeterCallsService implements MeterCallsUseCase, SyncUsageUseCase, CountRecipientsUseCase {

    private record Caller(CustomerId customer, TenantId tenant) {}

    private final UsageMeter meter;
    private final AuthenticateApplicationUseCase applications;
    private final AuthenticateUserUseCase users;
    private final UserRepository userRepository;
    private final DirectoryRepository directory;
    /** A tenant's customer never changes (provisioning has no move), so this is cached for good. */
    private final Map<TenantId, CustomerId> customers = new ConcurrentHashMap<>();

    /** Counts into {@code ledger} against the rows of {@code store}; call {@link #refresh} once before use. */
    public MeterCallsService(QuotaStore store, UsageLedger ledger, Clock clock,
            AuthenticateApplicationUseCase applications, AuthenticateUserUseCase users, UserRepository userRepository,
            DirectoryRepository directory) {
        this(store, ledger, clock, Optional.empty(), applications, users, userRepository, directory);
    }

    /** With {@code shared}: a node of a cluster, whose limits hold across every node that shares the meters. */
    public MeterCallsService(QuotaStore store, UsageLedger ledger, Clock clock, Optional<SharedMeters> shared,
            AuthenticateApplicationUseCase applications, AuthenticateUserUseCase users, UserRepository userRepository,
            DirectoryRepository directory) {
        this.meter = new UsageMeter(store, ledger, clock, shared);
        this.applications = applications;
        this.users = users;
        this.userRepository = userRepository;
        this.directory = directory;
    }

    @Override
    public Result admit(Call call) {
        Optional<Caller> caller = caller(call);
        if (caller.isEmpty()) {
            return new Result.Admitted(Ticket.NONE);
        }
        CustomerId customer = caller.get().customer();
        TenantId tenant = caller.get().tenant();
        if (meter.admitTime(customer, tenant, call.route()) instanceof Admission.Refused r) {
            return new Result.OverApiQuota(r.message());
        }
        UsageCount api;
        switch (meter.admit(customer, tenant, QuotaItem.API_CNT, call.route())) {
            case UsageMeter.Metered.Over over -> {
                return new Result.OverApiQuota(over.refusal().message());
            }
            case UsageMeter.Metered.Counted counted -> api = counted.count();
        }
        if (call.pushType().isEmpty()) {
            return new Result.Admitted(new Ticket(List.of(api)));
        }
        return switch (meter.admit(customer, tenant, QuotaItem.PUSH_CNT, call.pushType().get())) {
            case UsageMeter.Metered.Over over -> {
                meter.refund(api);
                yield new Result.OverPushQuota(over.refusal().message());
            }
            case UsageMeter.Metered.Counted push -> new Result.Admitted(new Ticket(List.of(api, push.count())));
        };
    }

    @Override
    public void stored(TenantId tenant, String pushType, long recipients) {
        if (recipients == 0) {
            return;
        }
        customerOf(tenant).ifPresent(customer -> meter.record(customer, tenant, UsageCount.RECIPIENTS, pushType,
                recipients));
    }

    @Override
    public List<CustomerTotal> totals() {
        return meter.totals();
    }

    @Override
    public void flush() {
        meter.flush();
    }

    @Override
    public void refresh() {
        meter.refresh();
    }

    /** The meter, for the quota administration of this node. */
    UsageMeter meter() {
        return meter;
    }

    @Override
    public void refund(Ticket ticket) {
        ticket.counts().forEach(meter::refund);
    }

    private Optional<Caller> caller(Call call) {
        Optional<TenantId> tenant;
        if (call.appToken().isPresent()) {
            tenant = applications.authenticate(call.appToken().get()).map(AuthenticateApplicationUseCase.Granted::tenant);
        } else if (call.userToken().isPresent()) {
            tenant = users.authenticate(call.userToken().get()).map(a -> a.user().tenant());
        } else if (call.loginName().isPresent()) {
            tenant = userRepository.findByLogin(call.loginName().get()).map(User::tenant);
        } else {
            tenant = Optional.empty();
        }
        return tenant.flatMap(t -> customerOf(t).map(c -> new Caller(c, t)));
    }

    private Optional<CustomerId> customerOf(TenantId tenant) {
        CustomerId known = customers.get(tenant);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<CustomerId> found = directory.findTenant(tenant).map(Tenant::customer);
        found.ifPresent(c -> customers.put(tenant, c));
        return found;
    }
}
