package org.appmsg.adapter.persistence;

import static org.jooq.impl.DSL.charLength;
import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.substring;
import static org.jooq.impl.DSL.val;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.adapter.persistence.Tables.OrgTrees;
import org.appmsg.adapter.persistence.Tables.OrgUsers;
import org.appmsg.adapter.persistence.Tables.Orgs;
import org.appmsg.adapter.persistence.Tables.Users;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.org.OrgMember;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The {@link OrgRepository} port on jOOQ (tables org, org_tree and org_user).
 *
 * <p>Every org has a node number, unique within its tenant, and {@code org.location} is the path of node
 * numbers from the root down to the org, {@value #SEGMENT} base-36 characters per level. A subtree is thus
 * a location prefix, a depth is a length, and a location holds at any depth (up to {@link Org#MAX_DEPTH}) and
 * any width (2.8 trillion nodes per tenant). A move rewrites the prefix of the org's whole subtree in one
 * UPDATE.
 *
 * <p>Every save runs in one transaction that first locks the tenant's {@code org_tree} row. Saves in one
 * tenant therefore take turns: the parent check, the cycle check, the depth check and the move all see the
 * tree as the previous save left it, so two crossing moves (A under B, B under A) cannot make a cycle, and no
 * location is computed from a stale one. Saves in different tenants do not wait for each other; the only
 * thing they share is the org id space, guarded by the primary key.
 *
 * <p>{@link #orgsOf} answers from a per-tenant snapshot (every address book reads the whole tree): this
 * node's saves drop it at once, another node's when its event arrives ({@link #forgetCached}), at the latest
 * within {@link #SNAPSHOT_TTL_NANOS}. Saves and evictions are counted, and a snapshot read while one happened is
 * not kept.
 */
final class JooqOrgRepository implements OrgRepository {

    /** Characters per level of {@code org.location}. */
    static final int SEGMENT = 8;
    private static final long MAX_NODE = (long) Math.pow(36, SEGMENT) - 1;
    private static final int ATTEMPTS = 3;
    private static final List<Field<?>> COLUMNS = List.of(Orgs.ID, Orgs.TENANT_ID, Orgs.PARENT_ID, Orgs.NAME,
            Orgs.SHORT_NAME, Orgs.SORT);

    private static final long SNAPSHOT_TTL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int SNAPSHOT_MAX_TENANTS = 10_000;

    private final Database db;
    private final Clock clock;
    private final OrgMemberLinks members;
    private final ConcurrentHashMap<TenantId, Snapshot> snapshots = new ConcurrentHashMap<>();
    /** Counts saves and evictions; a snapshot read while one happened is not kept. */
    private final AtomicLong saves = new AtomicLong();

    private record Snapshot(List<Org> orgs, long until) {}

    JooqOrgRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.members = new OrgMemberLinks(db, GroupCommit.DEFAULT_MAX_BATCH, GroupCommit.DEFAULT_WRITERS);
    }

    @Override
    public Save save(Org org) {
        try {
            return saveWithRetries(org);
        } finally {
            saves.incrementAndGet();
            snapshots.remove(org.tenant());
        }
    }

    private Save saveWithRetries(Org org) {
        for (int attempt = 1; ; attempt++) {
            Optional<Save> saved;
            try {
                saved = db.transaction(dsl -> lockTree(dsl, org.tenant()).map(nextNode -> save(dsl, org, nextNode)));
            } catch (StorageUnavailableException e) {
                // a new org raced with an org of the same id in another tenant (whose tree we do not lock):
                // nothing was written, and the next attempt sees the other one
                if (!Database.isDuplicateKey(e) || attempt >= ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            if (saved.isPresent()) {
                return saved.get();
            }
            if (attempt >= ATTEMPTS) {
                throw new IllegalStateException("the org_tree row of tenant " + org.tenant() + " keeps vanishing");
            }
            createTree(org.tenant());
        }
    }

    /** Locks the tenant's org_tree row until commit and returns its next node number; empty when it is missing. */
    private static Optional<Long> lockTree(DSLContext dsl, TenantId tenant) {
        return dsl.select(OrgTrees.NEXT_NODE).from(OrgTrees.TABLE)
                .where(OrgTrees.TENANT_ID.eq(tenant.value()))
                .forUpdate()
                .fetchOptional(OrgTrees.NEXT_NODE);
    }

    /**
     * Creates the tenant's org_tree row in a statement of its own: inserting it inside the save transaction
     * would take a shared lock that the FOR UPDATE then upgrades, a deadlock between two first saves.
     */
    private void createTree(TenantId tenant) {
        try {
            db.execute(dsl -> dsl.insertInto(OrgTrees.TABLE)
                    .set(OrgTrees.TENANT_ID, tenant.value())
                    .set(OrgTrees.NEXT_NODE, 1L)
                    .onConflict(OrgTrees.TENANT_ID)
                    .doNothing()
                    .execute());
        } catch (StorageUnavailableException e) {
            if (!Database.isDuplicateKey(e)) { // H2 reports a concurrent insert-if-absent as a duplicate
                throw e;
            }
        }
    }

    /** The save proper, holding the tenant's lock. */
    private Save save(DSLContext dsl, Org org, long nextNode) {
        String tenant = org.tenant().value();
        Record existing = dsl.select(Orgs.TENANT_ID, Orgs.LOCATION).from(Orgs.TABLE)
                .where(Orgs.ID.eq(org.id().value()))
                .fetchOne();
        if (existing != null && !existing.get(Orgs.TENANT_ID).equals(tenant)) {
            return Save.OTHER_TENANT;
        }
        String parentLocation = "";
        if (org.parent().isPresent()) {
            Record parent = dsl.select(Orgs.TENANT_ID, Orgs.LOCATION).from(Orgs.TABLE)
                    .where(Orgs.ID.eq(org.parent().get().value()))
                    .fetchOne();
            if (parent == null || !parent.get(Orgs.TENANT_ID).equals(tenant)) {
                return Save.UNKNOWN_PARENT;
            }
            parentLocation = parent.get(Orgs.LOCATION);
        }
        long now = clock.millis();
        if (existing == null) {
            if (depth(parentLocation) + 1 > Org.MAX_DEPTH) {
                return Save.TOO_DEEP;
            }
            if (nextNode > MAX_NODE) {
                throw new IllegalStateException("tenant " + tenant + " has used up its org node numbers");
            }
            dsl.update(OrgTrees.TABLE).set(OrgTrees.NEXT_NODE, nextNode + 1)
                    .where(OrgTrees.TENANT_ID.eq(tenant))
                    .execute();
            dsl.insertInto(Orgs.TABLE)
                    .set(Orgs.ID, org.id().value())
                    .set(Orgs.TENANT_ID, tenant)
                    .set(Orgs.PARENT_ID, org.parent().map(OrgId::value).orElse(null))
                    .set(Orgs.NAME, org.name())
                    .set(Orgs.SHORT_NAME, org.shortName())
                    .set(Orgs.LOCATION, parentLocation + segment(nextNode))
                    .set(Orgs.SORT, org.sort())
                    .set(Orgs.CREATED, now)
                    .set(Orgs.UPDATED, now)
                    .execute();
            return Save.INSERTED;
        }
        String oldLocation = existing.get(Orgs.LOCATION);
        String newLocation = parentLocation + oldLocation.substring(oldLocation.length() - SEGMENT);
        if (!newLocation.equals(oldLocation)) {
            if (parentLocation.startsWith(oldLocation)) {
                return Save.OWN_ANCESTOR;
            }
            Integer deepest = dsl.select(max(charLength(Orgs.LOCATION))).from(Orgs.TABLE)
                    .where(Orgs.TENANT_ID.eq(tenant), Orgs.LOCATION.like(oldLocation + "%"))
                    .fetchOne(0, Integer.class);
            int height = (deepest - oldLocation.length()) / SEGMENT + 1;
            if (depth(parentLocation) + height > Org.MAX_DEPTH) {
                return Save.TOO_DEEP;
            }
            dsl.update(Orgs.TABLE)
                    .set(Orgs.LOCATION, concat(val(newLocation), substring(Orgs.LOCATION, oldLocation.length() + 1)))
                    .where(Orgs.TENANT_ID.eq(tenant), Orgs.LOCATION.like(oldLocation + "%"))
                    .execute();
        }
        dsl.update(Orgs.TABLE)
                .set(Orgs.PARENT_ID, org.parent().map(OrgId::value).orElse(null))
                .set(Orgs.NAME, org.name())
                .set(Orgs.SHORT_NAME, org.shortName())
                .set(Orgs.SORT, org.sort())
                .set(Orgs.UPDATED, now)
                .where(Orgs.ID.eq(org.id().value()))
                .execute();
        return Save.UPDATED;
    }

    private static int depth(String location) {
        return location.length() / SEGMENT;
    }

    /** The node number as {@value #SEGMENT} base-36 digits. */
    static String segment(long node) {
        String digits = Long.toString(node, 36);
        return "0".repeat(SEGMENT - digits.length()) + digits;
    }

    @Override
    public Optional<Org> find(OrgId id) {
        return db.query(dsl -> dsl.select(COLUMNS).from(Orgs.TABLE).where(Orgs.ID.eq(id.value()))
                .fetchOptional(JooqOrgRepository::toOrg));
    }

    @Override
    public List<Org> orgsOf(TenantId tenant) {
        Snapshot snapshot = snapshots.get(tenant);
        long now = System.nanoTime();
        if (snapshot != null && now - snapshot.until() < 0) {
            return snapshot.orgs();
        }
        long before = saves.get();
        List<Org> orgs = List.copyOf(db.query(dsl -> dsl.select(COLUMNS).from(Orgs.TABLE)
                .where(Orgs.TENANT_ID.eq(tenant.value()))
                .fetch(JooqOrgRepository::toOrg)));
        if (saves.get() == before) {
            if (snapshots.size() >= SNAPSHOT_MAX_TENANTS) {
                snapshots.clear();
            }
            Snapshot kept = new Snapshot(orgs, now + SNAPSHOT_TTL_NANOS);
            snapshots.put(tenant, kept);
            if (saves.get() != before) {
                snapshots.remove(tenant, kept); // a save or an eviction came in between: it may predate it
            }
        }
        return orgs;
    }

    @Override
    public void forgetCached(TenantId tenant) {
        saves.incrementAndGet(); // first: a read under way then keeps nothing (see orgsOf)
        snapshots.remove(tenant);
    }

    @Override
    public void forgetAllCached() {
        saves.incrementAndGet();
        snapshots.clear();
    }

    @Override
    public List<OrgId> subtree(OrgId org) {
        // one statement, so a concurrent move cannot slip in between reading the location and using it
        Table<Record> top = Orgs.TABLE.as("top");
        Field<String> topId = field(name("top", "id"), String.class);
        Field<String> topTenant = field(name("top", "tenant_id"), String.class);
        Field<String> topLocation = field(name("top", "location"), String.class);
        return db.query(dsl -> dsl.select(Orgs.ID).from(top)
                .join(Orgs.TABLE).on(Orgs.TENANT_ID.eq(topTenant), Orgs.LOCATION.like(concat(topLocation, inline("%"))))
                .where(topId.eq(org.value()))
                .orderBy(Orgs.LOCATION) // a parent's location is a prefix of its children's, so it sorts first
                .fetch(r -> new OrgId(r.value1())));
    }

    /** Group-committed with concurrent calls: see {@link OrgMemberLinks}. */
    @Override
    public boolean addMember(OrgId org, UserId user, int sort) {
        return members.add(org, user, sort);
    }

    /** The member writers, for tests. */
    OrgMemberLinks members() {
        return members;
    }

    /** Stops the member writers once they have written what was queued; later addMember calls fail. Idempotent. */
    void close() {
        members.close();
    }

    @Override
    public boolean removeMember(OrgId org, UserId user) {
        return db.query(dsl -> dsl.deleteFrom(OrgUsers.TABLE)
                .where(OrgUsers.ORG_ID.eq(org.value()), OrgUsers.USER_ID.eq(user.value()))
                .execute()) > 0;
    }

    @Override
    public List<OrgMember> members(OrgId org) {
        List<Field<?>> columns = new ArrayList<>(JooqUserRepository.COLUMNS);
        columns.add(OrgUsers.SORT);
        return db.query(dsl -> dsl.select(columns).from(OrgUsers.TABLE)
                .join(Users.TABLE).on(Users.ID.eq(OrgUsers.USER_ID))
                .where(OrgUsers.ORG_ID.eq(org.value()))
                .orderBy(OrgUsers.SORT, OrgUsers.USER_ID)
                .fetch(r -> new OrgMember(JooqUserRepository.toUser(r), r.get(OrgUsers.SORT))));
    }

    @Override
    public List<Org> orgsOfUser(UserId user) {
        return db.query(dsl -> dsl.select(COLUMNS).from(OrgUsers.TABLE)
                .join(Orgs.TABLE).on(Orgs.ID.eq(OrgUsers.ORG_ID))
                .where(OrgUsers.USER_ID.eq(user.value()))
                .orderBy(Orgs.ID)
                .fetch(JooqOrgRepository::toOrg));
    }

    private static Org toOrg(Record r) {
        return new Org(new OrgId(r.get(Orgs.ID)), new TenantId(r.get(Orgs.TENANT_ID)),
                Optional.ofNullable(r.get(Orgs.PARENT_ID)).map(OrgId::new), r.get(Orgs.NAME),
                r.get(Orgs.SHORT_NAME), r.get(Orgs.SORT));
    }
}
