package org.appmsg.adapter.persistence;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.appmsg.adapter.persistence.Tables.QuotaZones;
import org.appmsg.adapter.persistence.Tables.Quotas;
import org.appmsg.application.port.out.QuotaStore;
import org.appmsg.domain.quota.Period;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaScope;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.jooq.Record;

/** The {@link QuotaStore} port on jOOQ: tables quota and quota_zone (V8). */
final class JooqQuotaStore implements QuotaStore {

    private final Database db;

    JooqQuotaStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Quota> quotas() {
        return db.query(dsl -> dsl.select(Quotas.CUSTOMER_ID, Quotas.TENANT_ID, Quotas.ITEM, Quotas.KEY,
                        Quotas.PERIOD, Quotas.VALUE)
                .from(Quotas.TABLE)
                .orderBy(Quotas.CUSTOMER_ID, Quotas.TENANT_ID, Quotas.ITEM, Quotas.KEY)
                .fetch(JooqQuotaStore::quota));
    }

    private static Quota quota(Record r) {
        String tenant = r.get(Quotas.TENANT_ID);
        CustomerId customer = new CustomerId(r.get(Quotas.CUSTOMER_ID));
        QuotaScope scope = tenant.equals(QuotaScope.ANY_TENANT) ? QuotaScope.customerWide(customer)
                : QuotaScope.tenant(customer, new TenantId(tenant));
        return new Quota(scope, QuotaItem.of(r.get(Quotas.ITEM)).orElseThrow(), r.get(Quotas.KEY),
                Period.of(r.get(Quotas.PERIOD)).orElseThrow(), r.get(Quotas.VALUE));
    }

    @Override
    public void put(Quota quota, Instant at) {
        long millis = at.toEpochMilli();
        db.execute(dsl -> dsl.insertInto(Quotas.TABLE)
                .set(Quotas.CUSTOMER_ID, quota.scope().customer().value())
                .set(Quotas.TENANT_ID, quota.scope().tenantWire())
                .set(Quotas.ITEM, quota.item().wire())
                .set(Quotas.KEY, quota.key())
                .set(Quotas.PERIOD, quota.period().wire())
                .set(Quotas.VALUE, quota.value())
                .set(Quotas.UPDATED, millis)
                .onConflict(Quotas.CUSTOMER_ID, Quotas.TENANT_ID, Quotas.ITEM, Quotas.KEY)
                .doUpdate()
                .set(Quotas.PERIOD, quota.period().wire())
                .set(Quotas.VALUE, quota.value())
                .set(Quotas.UPDATED, millis)
                .execute());
    }

    @Override
    public boolean delete(QuotaScope scope, QuotaItem item, String key) {
        return db.query(dsl -> dsl.deleteFrom(Quotas.TABLE)
                .where(Quotas.CUSTOMER_ID.eq(scope.customer().value()), Quotas.TENANT_ID.eq(scope.tenantWire()),
                        Quotas.ITEM.eq(item.wire()), Quotas.KEY.eq(key))
                .execute()) > 0;
    }

    @Override
    public Map<CustomerId, ZoneId> zones() {
        Map<CustomerId, ZoneId> zones = new HashMap<>();
        db.query(dsl -> dsl.select(QuotaZones.CUSTOMER_ID, QuotaZones.ZONE).from(QuotaZones.TABLE).fetch())
                .forEach(r -> zones.put(new CustomerId(r.get(QuotaZones.CUSTOMER_ID)),
                        ZoneId.of(r.get(QuotaZones.ZONE))));
        return zones;
    }

    @Override
    public void setZone(CustomerId customer, ZoneId zone, Instant at) {
        long millis = at.toEpochMilli();
        db.execute(dsl -> dsl.insertInto(QuotaZones.TABLE)
                .set(QuotaZones.CUSTOMER_ID, customer.value())
                .set(QuotaZones.ZONE, zone.getId())
                .set(QuotaZones.UPDATED, millis)
                .onConflict(QuotaZones.CUSTOMER_ID)
                .doUpdate()
                .set(QuotaZones.ZONE, zone.getId())
                .set(QuotaZones.UPDATED, millis)
                .execute());
    }
}
