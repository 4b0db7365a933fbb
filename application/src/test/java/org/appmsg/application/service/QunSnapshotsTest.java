package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.appmsg.application.fake.ForwardingQunRepository;
import org.appmsg.application.fake.InMemoryMailbox;
import org.appmsg.application.fake.InMemoryQunRepository;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.qun.Outcome;
import org.appmsg.domain.qun.Person;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class QunSnapshotsTest {

    private static final TenantId T = new TenantId("t1");
    private static final QunId ID = new QunId("q1");

    private final InMemoryQunRepository stored = new InMemoryQunRepository(new InMemoryMailbox());
    private final AtomicInteger fullReads = new AtomicInteger();
    private final QunSnapshots snapshots = new QunSnapshots(new ForwardingQunRepository(stored) {
        @Override
        public Optional<Versioned> find(QunId id) {
            fullReads.incrementAndGet();
            return super.find(id);
        }
    });

    private static Person person(String id) {
        return new Person(new UserId(id), T, "Nick " + id);
    }

    private void save(Outcome outcome, long expectedVersion) {
        Outcome.Changed changed = (Outcome.Changed) outcome;
        assertThat(stored.apply(changed.qun(), expectedVersion, changed.changes(), List.of()))
                .isInstanceOf(QunRepository.Applied.Done.class);
    }

    private List<String> members() {
        return snapshots.current(ID).orElseThrow().mailboxes().stream().map(Name::toString).toList();
    }

    @Test
    void an_unchanged_group_is_read_in_full_once_and_then_only_checked() {
        save(Qun.create(ID, person("ann"), "Team", List.of(person("bob"))), 0);

        for (int i = 0; i < 5; i++) {
            assertThat(members()).containsExactly("ann@user", "bob@user");
        }
        assertThat(fullReads).hasValue(1);
    }

    @Test
    void a_change_is_seen_by_the_next_read_whoever_made_it() {
        save(Qun.create(ID, person("ann"), "Team", List.of(person("bob"), person("cid"))), 0);
        assertThat(members()).containsExactly("ann@user", "bob@user", "cid@user");

        var read = stored.find(ID).orElseThrow();
        save(read.qun().remove(new UserId("ann"), List.of(new UserId("bob"))), read.version());

        assertThat(members()).containsExactly("ann@user", "cid@user");
        assertThat(snapshots.current(ID).orElseThrow().qun().canSend(new UserId("bob"))).isFalse();
        assertThat(fullReads).hasValue(2);
    }

    @Test
    void an_unknown_or_dissolved_group_is_not_there() {
        assertThat(snapshots.current(ID)).isEmpty();

        save(Qun.create(ID, person("ann"), "Team", List.of()), 0);
        assertThat(members()).containsExactly("ann@user");
        var read = stored.find(ID).orElseThrow();
        save(read.qun().leave(new UserId("ann")), read.version());

        assertThat(snapshots.current(ID)).isEmpty();
    }
}
