package org.appmsg.adapter.persistence;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.appmsg.adapter.persistence.Tables.Applications;
import org.appmsg.adapter.persistence.Tables.Customers;
import org.appmsg.adapter.persistence.Tables.Tenants;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.ApplicationScope;
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The {@link DirectoryRepository} port on jOOQ (tables customer, tenant and application). */
final class JooqDirectoryRepository implements DirectoryRepository {

    private static final List<Field<?>> TENANT_COLUMNS = List.of(Tenants.ID, Tenants.CODE, Tenants.NAME,
            Tenants.CUSTOMER_ID, Tenants.STATUS);
    private static final List<Field<?>> APPLICATION_COLUMNS = List.of(Applications.ID, Applications.NAME,
            Applications.TENANT_ID, Applications.ENABLED, Applications.SCOPE);

    private final Database db;
    private final Clock clock;

    JooqDirectoryRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void saveCustomer(Customer customer) {
        long now = clock.millis();
        db.execute(dsl -> dsl.insertInto(Customers.TABLE)
                .set(Customers.ID, customer.id().value())
                .set(Customers.NAME, customer.name())
                .set(Customers.CREATED, now)
                .set(Customers.UPDATED, now)
                .onConflict(Customers.ID)
                .doUpdate()
                .set(Customers.NAME, customer.name())
                .set(Customers.UPDATED, now)
                .execute());
    }

    @Override
    public Optional<Customer> findCustomer(CustomerId id) {
        return db.query(dsl -> dsl.select(Customers.ID, Customers.NAME).from(Customers.TABLE)
                .where(Customers.ID.eq(id.value()))
                .fetchOptional(r -> new Customer(new CustomerId(r.value1()), r.value2())));
    }

    @Override
    public void saveTenant(Tenant tenant) {
        long now = clock.millis();
        db.execute(dsl -> dsl.insertInto(Tenants.TABLE)
                .set(Tenants.ID, tenant.id().value())
                .set(Tenants.CODE, tenant.code())
                .set(Tenants.NAME, tenant.name())
                .set(Tenants.CUSTOMER_ID, tenant.customer().value())
                .set(Tenants.STATUS, tenant.status())
                .set(Tenants.CREATED, now)
                .set(Tenants.UPDATED, now)
                .onConflict(Tenants.ID)
                .doUpdate()
                .set(Tenants.CODE, tenant.code())
                .set(Tenants.NAME, tenant.name())
                .set(Tenants.CUSTOMER_ID, tenant.customer().value())
                .set(Tenants.STATUS, tenant.status())
                .set(Tenants.UPDATED, now)
                .execute());
    }

    @Override
    public Optional<Tenant> findTenant(TenantId id) {
        return db.query(dsl -> dsl.select(TENANT_COLUMNS).from(Tenants.TABLE)
                .where(Tenants.ID.eq(id.value()))
                .fetchOptional(JooqDirectoryRepository::toTenant));
    }

    @Override
    public void insertApplication(Application application, String tokenDigest) {
        long now = clock.millis();
        try {
            db.execute(dsl -> dsl.insertInto(Applications.TABLE)
                    .set(Applications.ID, application.id().value())
                    .set(Applications.NAME, application.name())
                    .set(Applications.TENANT_ID, application.tenant().value())
                    .set(Applications.TOKEN_DIGEST, tokenDigest)
                    .set(Applications.ENABLED, application.enabled())
                    .set(Applications.SCOPE, application.scope().wire())
                    .set(Applications.CREATED, now)
                    .set(Applications.UPDATED, now)
                    .execute());
        } catch (StorageUnavailableException e) {
            if (Database.isDuplicateKey(e)) {
                throw new IllegalStateException("application " + application.id() + " or its token exists", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Application> findApplication(AppId id) {
        return findApplicationWhere(Applications.ID.eq(id.value()));
    }

    @Override
    public Optional<Application> findApplicationByToken(String tokenDigest) {
        return findApplicationWhere(Applications.TOKEN_DIGEST.eq(tokenDigest));
    }

    @Override
    public List<Customer> customers() {
        return db.query(dsl -> dsl.select(Customers.ID, Customers.NAME).from(Customers.TABLE)
                .orderBy(Customers.ID)
                .fetch(r -> new Customer(new CustomerId(r.value1()), r.value2())));
    }

    @Override
    public List<Tenant> tenants() {
        return tenantsWhere(DSL.noCondition());
    }

    @Override
    public List<Tenant> tenantsOf(CustomerId customer) {
        return tenantsWhere(Tenants.CUSTOMER_ID.eq(customer.value()));
    }

    private List<Tenant> tenantsWhere(Condition condition) {
        return db.query(dsl -> dsl.select(TENANT_COLUMNS).from(Tenants.TABLE)
                .where(condition)
                .orderBy(Tenants.ID)
                .fetch(JooqDirectoryRepository::toTenant));
    }

    @Override
    public List<Application> applications() {
        return applicationsWhere(DSL.noCondition());
    }

    @Override
    public List<Application> applicationsOf(TenantId tenant) {
        return applicationsWhere(Applications.TENANT_ID.eq(tenant.value()));
    }

    private List<Application> applicationsWhere(Condition condition) {
        return db.query(dsl -> dsl.select(APPLICATION_COLUMNS).from(Applications.TABLE)
                .where(condition)
                .orderBy(Applications.ID)
                .fetch(JooqDirectoryRepository::toApplication));
    }

    @Override
    public boolean setApplicationEnabled(AppId id, boolean enabled) {
        return db.query(dsl -> dsl.update(Applications.TABLE)
                .set(Applications.ENABLED, enabled)
                .set(Applications.UPDATED, clock.millis())
                .where(Applications.ID.eq(id.value()))
                .execute()) > 0;
    }

    @Override
    public boolean replaceApplicationToken(AppId id, String tokenDigest) {
        try {
            return db.query(dsl -> dsl.update(Applications.TABLE)
                    .set(Applications.TOKEN_DIGEST, tokenDigest)
                    .set(Applications.UPDATED, clock.millis())
                    .where(Applications.ID.eq(id.value()))
                    .execute()) > 0;
        } catch (StorageUnavailableException e) {
            if (Database.isDuplicateKey(e)) {
                throw new IllegalStateException("another application has this token", e);
            }
            throw e;
        }
    }

    private Optional<Application> findApplicationWhere(Condition condition) {
        return db.query(dsl -> dsl.select(APPLICATION_COLUMNS).from(Applications.TABLE)
                .where(condition)
                .fetchOptional(JooqDirectoryRepository::toApplication));
    }

    private static Tenant toTenant(Record r) {
        return new Tenant(new TenantId(r.get(Tenants.ID)), r.get(Tenants.CODE), r.get(Tenants.NAME),
                new CustomerId(r.get(Tenants.CUSTOMER_ID)), r.get(Tenants.STATUS));
    }

    private static Application toApplication(Record r) {
        String scope = r.get(Applications.SCOPE);
        return new Application(new AppId(r.get(Applications.ID)), r.get(Applications.NAME),
                new TenantId(r.get(Applications.TENANT_ID)), r.get(Applications.ENABLED),
                ApplicationScope.fromWire(scope).orElseThrow(
                        () -> new IllegalStateException("unknown application scope in the database: " + scope)));
    }
}
