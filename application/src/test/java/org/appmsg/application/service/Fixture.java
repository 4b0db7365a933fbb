package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.appmsg.application.fake.InMemoryContactRepository;
import org.appmsg.application.fake.InMemoryDirectoryRepository;
import org.appmsg.application.fake.InMemoryFileLinks;
import org.appmsg.application.fake.InMemoryLoginAttempts;
import org.appmsg.application.fake.InMemoryMailbox;
import org.appmsg.application.fake.InMemoryOrgRepository;
import org.appmsg.application.fake.InMemoryPresence;
import org.appmsg.application.fake.InMemoryPushPermissions;
import org.appmsg.application.fake.InMemoryQunRepository;
import org.appmsg.application.fake.InMemoryTokenStore;
import org.appmsg.application.fake.InMemoryUserRepository;
import org.appmsg.application.fake.PlainPasswordHasher;
import org.appmsg.application.fake.RecordingLiveDelivery;
import org.appmsg.application.fake.SequentialIds;
import org.appmsg.application.port.in.LoginUseCase;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.domain.auth.LoginThrottle;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.net.SourceAddress;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.RetrySchedule;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.ApplicationScope;
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;

/** Every service wired to fakes and a clock that tests move by hand. */
final class Fixture {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T10:00:00Z"));
    final Clock clock = new SuppliedClock(now::get);
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final InMemoryDirectoryRepository directory = new InMemoryDirectoryRepository();
    final InMemoryOrgRepository orgs = new InMemoryOrgRepository(users);
    final InMemoryContactRepository contacts = new InMemoryContactRepository(users);
    final InMemoryMailbox mailbox = new InMemoryMailbox();
    final RecordingLiveDelivery live = new RecordingLiveDelivery();
    final InMemoryPresence presence = new InMemoryPresence();
    final SequentialIds ids = new SequentialIds();
    final PlainPasswordHasher hasher = new PlainPasswordHasher();
    final AuthenticateUserService authenticate = new AuthenticateUserService(tokens, users, clock, Duration.ofSeconds(30));
    /** The defaults: 5 failures per account from an address, 20 per account, 50 per address; 1 s doubling to 15 min. */
    static final LoginThrottle THROTTLE = new LoginThrottle(new LoginThrottle.Allowance(5, 20, 50),
            new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(15)), Duration.ofHours(1), Duration.ofDays(30));
    /** Where the fixture's logins come from. */
    static final SourceAddress HOME = new SourceAddress("198.51.100.1");
    final InMemoryLoginAttempts loginAttempts = new InMemoryLoginAttempts();
    final LoginService login = new LoginService(users, tokens, hasher, ids, clock, Duration.ofDays(7),
            new LoginService.Throttling(THROTTLE, loginAttempts));
    final InMemoryFileLinks fileLinks = new InMemoryFileLinks();
    final InMemoryQunRepository quns = new InMemoryQunRepository(mailbox, clock);
    final InMemoryPushPermissions pushPermissions = new InMemoryPushPermissions();
    final SendMessageService send = new SendMessageService(authenticate, users, mailbox, live, presence, ids, clock,
            Duration.ofDays(7), fileLinks, quns, SendMessageService.Broadcasting.defaults(pushPermissions, orgs, directory));
    final FetchMailboxService fetch = new FetchMailboxService(authenticate, mailbox, clock);
    final AuthenticateApplicationService access = new AuthenticateApplicationService(directory, clock, Duration.ofSeconds(30));

    /** Tenant-scoped application of tenant t1 (customer c1). Tokens are valid after {@link #twoCustomers()}. */
    final Secret t1App = new Secret("app-t1");
    /** Tenant-scoped application of tenant t2 (customer c1). */
    final Secret t2App = new Secret("app-t2");
    /** Customer-wide application living in tenant t1: covers t1 and t2, not t3. */
    final Secret c1App = new Secret("app-c1");
    /** Customer-wide application living in tenant t3 (customer c2): covers t3 only. */
    final Secret c2App = new Secret("app-c2");
    /** A disabled application of tenant t1. */
    final Secret offApp = new Secret("app-off");

    /**
     * Customer c1 with tenants t1 and t2, customer c2 with tenant t3, and the applications above
     * (ids a-t1, a-t2, a-c1, a-c2, a-off).
     */
    void twoCustomers() {
        directory.saveCustomer(new Customer(new CustomerId("c1"), "ACME"));
        directory.saveCustomer(new Customer(new CustomerId("c2"), "Globex"));
        tenant("t1", "c1");
        tenant("t2", "c1");
        tenant("t3", "c2");
        app("a-t1", "t1", ApplicationScope.TENANT, true, t1App);
        app("a-t2", "t2", ApplicationScope.TENANT, true, t2App);
        app("a-c1", "t1", ApplicationScope.CUSTOMER, true, c1App);
        app("a-c2", "t3", ApplicationScope.CUSTOMER, true, c2App);
        app("a-off", "t1", ApplicationScope.CUSTOMER, false, offApp);
    }

    Tenant tenant(String id, String customer) {
        Tenant t = new Tenant(new TenantId(id), "code-" + id, "Tenant " + id, new CustomerId(customer));
        directory.saveTenant(t);
        return t;
    }

    Application app(String id, String tenant, ApplicationScope scope, boolean enabled, Secret token) {
        Application a = new Application(new AppId(id), "App " + id, new TenantId(tenant), enabled, scope);
        directory.insertApplication(a, token.digest());
        return a;
    }

    /**
     * {@link #twoCustomers()} with users alice, bob, carol (t1), dave (t2), erin (t3) and the org trees
     * root → sales → north, root → hr (t1) and t2org (t2): alice in sales, bob in north, carol in hr, dave in t2org.
     */
    void orgTrees() {
        twoCustomers();
        user("alice", "t1");
        user("bob", "t1");
        user("carol", "t1");
        user("dave", "t2");
        user("erin", "t3");
        org("root", "t1", "");
        org("sales", "t1", "root");
        org("north", "t1", "sales");
        org("hr", "t1", "root");
        org("t2org", "t2", "");
        orgs.addMember(new OrgId("sales"), new UserId("alice"), 0);
        orgs.addMember(new OrgId("north"), new UserId("bob"), 0);
        orgs.addMember(new OrgId("hr"), new UserId("carol"), 0);
        orgs.addMember(new OrgId("t2org"), new UserId("dave"), 0);
    }

    /** Saves an org (a root when {@code parent} is empty) and returns it. */
    Org org(String id, String tenant, String parent) {
        Org o = new Org(new OrgId(id), new TenantId(tenant),
                parent.isEmpty() ? Optional.empty() : Optional.of(new OrgId(parent)), "Org " + id, "", 0);
        var saved = orgs.save(o);
        if (saved != OrgRepository.Save.INSERTED
                && saved != OrgRepository.Save.UPDATED) {
            throw new IllegalStateException("fixture org " + id + ": " + saved);
        }
        return o;
    }

    void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    User user(String id, String tenant) {
        User u = new User(new UserId(id), new TenantId(tenant),
                new UserProfile("login-" + id, "Nick " + id, id + "@example.org", "", "", "1", "", "", ""),
                hasher.hash("pw-" + id));
        users.upsert(u);
        return u;
    }

    void legacyUser(String id, String tenant, String verbatimPassword) {
        users.upsert(new User(new UserId(id), new TenantId(tenant),
                new UserProfile("login-" + id, "Nick " + id, "", "", "", "1", "", "", ""),
                new PasswordHash(verbatimPassword)));
    }

    Secret tokenOf(String id) {
        var result = login.login(new LoginUseCase.Command("login-" + id, "pw-" + id, "Android", "Android-" + id, HOME));
        return ((LoginUseCase.Result.LoggedIn) result).token();
    }
}
