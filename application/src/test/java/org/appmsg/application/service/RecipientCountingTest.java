package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.appmsg.application.fake.InMemoryQuotaStore;
import org.appmsg.application.fake.InMemoryShieldRepository;
import org.appmsg.application.fake.InMemoryUsageLedger;
import org.appmsg.application.port.in.CountRecipientsUseCase;
import org.appmsg.application.port.in.CreateQunUseCase;
import org.appmsg.application.port.in.PushApplicationMessageUseCase;
import org.appmsg.application.port.in.QunResult;
import org.appmsg.application.port.in.SendMessageUseCase.Command;
import org.appmsg.application.port.in.SendMessageUseCase.Result;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.quota.UsageCount;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every stored push reports the recipients it stored (not the sender's own copy), by push type, for the
 * {@code recipients} usage counter; a refused or live-only push reports nothing. In {@link Fixture#orgTrees()}:
 * tenant t1 has alice (sales), bob (north, below sales) and carol (hr).
 */
class RecipientCountingTest {

    private record Counted(String tenant, String pushType, long recipients) {}

    private final Fixture f = new Fixture();
    private final List<Counted> counted = new ArrayList<>();
    private final CountRecipientsUseCase recording = (tenant, type, n) -> counted.add(new Counted(tenant.value(),
            type, n));
    private final SendMessageService send = new SendMessageService(f.authenticate, f.users, f.mailbox, f.live,
            f.presence, f.ids, f.clock, Duration.ofDays(7), f.fileLinks, f.quns,
            SendMessageService.Broadcasting.defaults(f.pushPermissions, f.orgs, f.directory), recording);

    @BeforeEach
    void directory() {
        f.orgTrees();
    }

    private Result push(String user, String to, Lifetime lifetime) {
        return send.send(new Command(f.tokenOf(user), "Android-" + user, Name.parse(user + "@user"), Name.parse(to),
                1, "hi", "\"c1\"", "", lifetime, new SessionSelector.All()));
    }

    @Test
    void a_user_push_stores_one_recipient_a_push_to_oneself_too() {
        assertThat(push("alice", "bob@user", Lifetime.serverDefault())).isInstanceOf(Result.Accepted.class);
        assertThat(push("alice", "alice@user", Lifetime.serverDefault())).isInstanceOf(Result.Accepted.class);
        assertThat(counted).containsExactly(new Counted("t1", "@user", 1), new Counted("t1", "@user", 1));
    }

    @Test
    void refused_and_live_only_pushes_count_nothing() {
        assertThat(push("alice", "dave@user", Lifetime.serverDefault())).isInstanceOf(Result.RecipientUnknown.class);
        assertThat(push("alice", "sales@org", Lifetime.serverDefault())).isInstanceOf(Result.NotPermitted.class);
        assertThat(push("alice", "bob@user", Lifetime.ofExpireSeconds(0))).isInstanceOf(Result.Accepted.class);
        assertThat(counted).isEmpty();
    }

    @Test
    void an_org_push_counts_the_subtree_but_the_sender_and_a_group_push_the_other_members() {
        f.pushPermissions.setBroadcast(new UserId("alice"), true, f.clock.instant());
        assertThat(push("alice", "sales@org", Lifetime.serverDefault())).isInstanceOf(Result.Accepted.class);
        assertThat(push("alice", "t1@tenant", Lifetime.serverDefault())).isInstanceOf(Result.Accepted.class);

        var create = new CreateQunService(f.authenticate, f.users, f.quns, f.live, f.presence, f.ids, f.clock,
                Duration.ofDays(7));
        var team = (QunResult.Done) create.create(new CreateQunUseCase.Command(f.tokenOf("alice"), "Team",
                List.of(new UserId("bob"), new UserId("carol")), false));
        assertThat(push("alice", team.qun().id().name().toString(), Lifetime.serverDefault()))
                .isInstanceOf(Result.Accepted.class);

        // sales@org: alice (the sender) and bob below; t1@tenant: alice, bob, carol; the group: alice, bob, carol
        assertThat(counted).containsExactly(new Counted("t1", "@org", 1), new Counted("t1", "@tenant", 2),
                new Counted("t1", "@qun", 2));
    }

    @Test
    void an_application_push_counts_every_stored_recipient_as_app() {
        var push = new PushApplicationMessageService(f.access,
                new PushApplicationMessageService.Directory(f.users, f.orgs, f.directory, f.quns),
                new InMemoryShieldRepository(),
                new PushApplicationMessageService.FanOut(f.mailbox, f.live, f.presence, f.fileLinks), f.ids, f.clock,
                PushApplicationMessageService.Limits.defaults(Duration.ofDays(7)), recording);
        var pushed = push.push(new PushApplicationMessageUseCase.Command(f.t1App,
                List.of(Name.parse("alice@user"), Name.parse("sales@org")), new SessionSelector.All(),
                Lifetime.serverDefault(), 1, "hello", "", ""));
        assertThat(pushed).isInstanceOf(PushApplicationMessageUseCase.Result.Pushed.class);
        assertThat(counted).containsExactly(new Counted("t1", "@app", 2)); // alice once, bob
    }

    @Test
    void the_meter_adds_stored_recipients_to_the_ledger_with_the_next_flush() {
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        MeterCallsService meter = new MeterCallsService(new InMemoryQuotaStore(), ledger, f.clock, f.access,
                f.authenticate, f.users, f.directory);
        meter.refresh();
        meter.stored(new TenantId("t1"), "@qun", 40);
        meter.stored(new TenantId("t1"), "@qun", 2);
        meter.stored(new TenantId("t1"), "@user", 0);
        LocalDate today = LocalDate.ofInstant(f.clock.instant(), ZoneOffset.UTC);
        assertThat(ledger.between(Optional.empty(), today, today)).isEmpty();

        meter.flush();
        assertThat(ledger.between(Optional.empty(), today, today)).containsExactly(
                new UsageCount(new CustomerId("c1"), new TenantId("t1"), UsageCount.RECIPIENTS, "@qun", today, 42));
    }
}
