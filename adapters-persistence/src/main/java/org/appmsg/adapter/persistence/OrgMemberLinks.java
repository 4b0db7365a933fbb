package org.appmsg.adapter.persistence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.appmsg.adapter.persistence.Tables.OrgUsers;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.UserId;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep3;
import org.jooq.Record;

/**
 * {@link JooqOrgRepository#addMember}, group-committed: a bulk user sync links every user to an org right after
 * upserting it, and one autocommit INSERT each would cost one log flush each. A {@link GroupCommit} writes the
 * links queued meanwhile in one transaction per batch: it reads which of them exist, then inserts the others
 * in one multi-row INSERT (in key order, so two batches wait for each other rather than deadlock). A plain
 * INSERT, not an insert-if-absent: a link a concurrent transaction added after the read fails the batch with
 * a duplicate key instead of being silently taken for ours; the batch is then decided again, and when it keeps
 * conflicting each link is written alone as an insert-if-absent.
 */
final class OrgMemberLinks {

    private static final int CHUNK = 500;
    private static final Comparator<Link> KEY_ORDER =
            Comparator.comparing((Link l) -> l.org().value()).thenComparing(l -> l.user().value());

    /** One addMember call. */
    record Link(OrgId org, UserId user, int sort) {
        private Pair pair() {
            return new Pair(org.value(), user.value());
        }
    }

    private record Pair(String org, String user) {}

    private final Database db;
    private final GroupCommit<Link, Boolean> adds;

    OrgMemberLinks(Database db, int maxBatch, int writers) {
        this.db = db;
        // last: the writers use db
        this.adds = GroupCommit.start("org-member", maxBatch, writers, this::write, this::addAlone);
    }

    /** Links the user to the org; false (and nothing changes) when the link exists. */
    boolean add(OrgId org, UserId user, int sort) {
        return adds.submit(new Link(org, user, sort), "linking user " + user + " to org " + org);
    }

    /** Writes {@code links} as one batch on the calling thread, exactly as a writer would (for tests). */
    List<Boolean> addAsOneBatch(List<Link> links) {
        return adds.writeAsOneBatch(links);
    }

    /** Stops the writers once they have written what was queued; later adds fail. Idempotent. */
    void close() {
        adds.close();
    }

    private List<Boolean> write(List<Link> links) {
        return db.transactionDecidingAgainOnDuplicates(dsl -> insertMissing(dsl, links));
    }

    /** Inserts the links that do not exist (a link asked for twice: the first call); true for each inserted. */
    private static List<Boolean> insertMissing(DSLContext dsl, List<Link> links) {
        Set<Pair> existing = existing(dsl, links);
        List<Boolean> added = new ArrayList<>(links.size());
        SortedSet<Link> missing = new TreeSet<>(KEY_ORDER);
        for (Link link : links) {
            boolean add = existing.add(link.pair());
            added.add(add);
            if (add) {
                missing.add(link);
            }
        }
        for (List<Link> chunk : Database.chunks(missing, CHUNK)) {
            InsertValuesStep3<Record, String, String, Integer> insert =
                    dsl.insertInto(OrgUsers.TABLE, OrgUsers.ORG_ID, OrgUsers.USER_ID, OrgUsers.SORT);
            for (Link link : chunk) {
                insert = insert.values(link.org().value(), link.user().value(), link.sort());
            }
            insert.execute();
        }
        return added;
    }

    /** The links among {@code links} that exist, read by user (an index lookup each). */
    private static Set<Pair> existing(DSLContext dsl, List<Link> links) {
        SortedSet<String> users = new TreeSet<>();
        links.forEach(l -> users.add(l.user().value()));
        Set<Pair> wanted = new HashSet<>();
        links.forEach(l -> wanted.add(l.pair()));
        Set<Pair> existing = new HashSet<>();
        for (List<String> chunk : Database.chunks(users, CHUNK)) {
            dsl.select(OrgUsers.ORG_ID, OrgUsers.USER_ID).from(OrgUsers.TABLE)
                    .where(OrgUsers.USER_ID.in(chunk))
                    .fetch()
                    .forEach(r -> {
                        Pair pair = new Pair(r.value1(), r.value2());
                        if (wanted.contains(pair)) {
                            existing.add(pair);
                        }
                    });
        }
        return existing;
    }

    private boolean addAlone(Link link) {
        return db.insertIfAbsent(dsl -> dsl.insertInto(OrgUsers.TABLE)
                .set(OrgUsers.ORG_ID, link.org().value())
                .set(OrgUsers.USER_ID, link.user().value())
                .set(OrgUsers.SORT, link.sort())
                .onConflict(OrgUsers.ORG_ID, OrgUsers.USER_ID)
                .doNothing()
                .execute());
    }
}
