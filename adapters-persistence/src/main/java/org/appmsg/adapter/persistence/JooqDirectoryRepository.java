package org.appmsg.adapter.persistence;

import java.time.Clock;
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
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;
import org.jooq.Condition;

/** The {@link DirectoryRepository} port on jOOQ (tables customer, tenant and application). */
final class JooqDirectoryRepository implements DirectoryRepository {

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
                .set(Tenants.CREATED, now)
                .set(Tenants.UPDATED, now)
                .onConflict(Tenants.ID)
                .doUpdate()
                .set(Tenants.CODE, tenant.code())
                .set(Tenants.NAME, tenant.name())
                .set(Tenants.CUSTOMER_ID, tenant.customer().value())
                .set(Tenants.UPDATED, now)
                .execute());
    }

    @Override
    public Optional<Tenant> findTenant(TenantId id) {
        return db.query(dsl -> dsl.select(Tenants.ID, Tenants.CODE, Tenants.NAME, Tenants.CUSTOMER_ID)
                .from(Tenants.TABLE)
                .where(Tenants.ID.eq(id.value()))
                .fetchOptional(r -> new Tenant(new TenantId(r.value1()), r.value2(), r.value3(),
                        new CustomerId(r.value4()))));
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

    private Optional<Application> findApplicationWhere(Condition condition) {
        return db.query(dsl -> dsl.select(Applications.ID, Applications.NAME, Applications.TENANT_ID,
                        Applications.ENABLED)
                .from(Applications.TABLE)
                .where(condition)
                .fetchOptional(r -> new Application(new AppId(r.value1()), r.value2(), new TenantId(r.value3()),
                        r.value4())));
    }
}
