package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.QuotaStore;
import org.appmsg.domain.quota.Period;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaScope;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link QuotaStore} does, whatever stores it. */
public abstract class QuotaStoreContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

    private QuotaStore store;

    /** The store under test, asked for before each test; may be shared: each test uses ids of its own. */
    protected abstract QuotaStore store();

    @BeforeEach
    void setUpStore() {
        store = store();
    }

    private static CustomerId customer() {
        return new CustomerId("qc-" + RUN + "-" + SEQ.incrementAndGet());
    }

    private List<Quota> of(CustomerId customer) {
        return store.quotas().stream().filter(q -> q.scope().customer().equals(customer)).toList();
    }

    @Test
    void rows_are_stored_replaced_by_scope_item_and_key_and_deleted() {
        CustomerId c = customer();
        QuotaScope tenant = QuotaScope.tenant(c, new TenantId("t1"));
        QuotaScope wide = QuotaScope.customerWide(c);
        Quota push = new Quota(tenant, QuotaItem.PUSH_CNT, "@user", Period.DAY, 5);
        Quota api = new Quota(wide, QuotaItem.API_CNT, "/app/client/device/login", Period.MONTH, -1);
        Quota expire = new Quota(wide, QuotaItem.EXPIRE, "*", Period.TOTAL, AT.toEpochMilli());

        store.put(push, AT);
        store.put(api, AT);
        store.put(expire, AT);
        assertThat(of(c)).containsExactly(api, expire, push); // customer, tenant (* first), item, key

        Quota raised = new Quota(tenant, QuotaItem.PUSH_CNT, "@user", Period.MONTH, 500);
        store.put(raised, AT.plusSeconds(1));
        assertThat(of(c)).containsExactly(api, expire, raised);

        assertThat(store.delete(tenant, QuotaItem.PUSH_CNT, "@user")).isTrue();
        assertThat(store.delete(tenant, QuotaItem.PUSH_CNT, "@user")).isFalse();
        assertThat(of(c)).containsExactly(api, expire);
    }

    @Test
    void a_customer_has_no_zone_until_set_and_the_last_set_wins() {
        CustomerId c = customer();
        assertThat(store.zones()).doesNotContainKey(c);

        store.setZone(c, ZoneId.of("Asia/Shanghai"), AT);
        store.setZone(c, ZoneId.of("Europe/Berlin"), AT.plusSeconds(1));

        assertThat(store.zones()).containsEntry(c, ZoneId.of("Europe/Berlin"));
    }
}
