package org.appmsg.domain;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.appmsg.domain.qun.Changes;
import org.appmsg.domain.qun.Member;
import org.appmsg.domain.qun.Notice;
import org.appmsg.domain.qun.Outcome;
import org.appmsg.domain.qun.Outcome.Changed;
import org.appmsg.domain.qun.Outcome.Refused;
import org.appmsg.domain.qun.Outcome.Unchanged;
import org.appmsg.domain.qun.Person;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.qun.Refusal;
import org.appmsg.domain.qun.Role;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class QunTest {

    private static final TenantId T = new TenantId("t1");
    private static final TenantId OTHER = new TenantId("t2");
    private static final QunId Q = new QunId("q1");

    private static UserId u(String id) {
        return new UserId(id);
    }

    private static Person p(String id, String nickname) {
        return new Person(u(id), T, nickname);
    }

    private static Member m(String id, String nickname, Role role, long seq) {
        return new Member(u(id), nickname, role, seq);
    }

    /** 张三 (u1) owner, 李四 (u2) admin, 王五 (u3) and 赵六 (u4) members, joined in that order. */
    private static Qun group() {
        return group(false, 100);
    }

    private static Qun group(boolean ownerOnlyInvite, int max) {
        return new Qun(Q, T, "项目组", max, ownerOnlyInvite, List.of(
                m("u1", "张三", Role.OWNER, 0), m("u2", "李四", Role.ADMIN, 1),
                m("u3", "王五", Role.MEMBER, 2), m("u4", "赵六", Role.MEMBER, 3)));
    }

    private static Changed changed(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Changed.class);
        return (Changed) outcome;
    }

    private static Refusal refusal(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Refused.class);
        return ((Refused) outcome).reason();
    }

    /** Recipient id → text, in sending order; fails if anyone gets two notices. */
    private static Map<String, String> notices(Changed changed) {
        Map<String, String> byRecipient = new LinkedHashMap<>();
        for (Notice n : changed.notices()) {
            assertThat(byRecipient.put(n.recipient().value(), n.text()))
                    .as("second notice to %s", n.recipient()).isNull();
        }
        return byRecipient;
    }

    private static List<String> ids(Qun qun) {
        return qun.memberIds().stream().map(UserId::value).toList();
    }

    // ---- create -------------------------------------------------------------------------------------------

    @Test
    void creation_notifies_every_member_not_only_the_creator() {
        var c = changed(Qun.create(Q, p("u1", "张三"), "项目组", List.of(p("u2", "李四"), p("u3", "王五"))));

        assertThat(notices(c)).containsExactly(
                entry("u1", "您创建了群\"项目组\""),
                entry("u2", "张三邀请您加入了群聊\"项目组\""),
                entry("u3", "张三邀请您加入了群聊\"项目组\""));
    }

    @Test
    void the_creator_owns_the_new_group_in_his_tenant_and_the_others_are_members_in_listed_order() {
        var c = changed(Qun.create(Q, p("u1", "张三"), "项目组",
                List.of(p("u3", "王五"), p("u1", "张三"), p("u2", "李四"), p("u3", "王五"))));

        Qun qun = c.qun();
        assertThat(qun.tenant()).isEqualTo(T);
        assertThat(qun.maxMembers()).isEqualTo(Qun.DEFAULT_MAX_MEMBERS);
        assertThat(qun.ownerOnlyInvite()).isFalse();
        assertThat(qun.members()).containsExactly(
                m("u1", "张三", Role.OWNER, 0), m("u3", "王五", Role.MEMBER, 1), m("u2", "李四", Role.MEMBER, 2));
        assertThat(c.changes()).isEqualTo(new Changes(true, false, false, qun.members(), List.of(), List.of()));
        assertThat(notices(c)).containsOnlyKeys("u1", "u3", "u2");
    }

    @Test
    void a_group_may_be_created_owner_only_and_then_only_the_owner_adds() {
        var c = changed(Qun.create(Q, p("u1", "张三"), "项目组", List.of(p("u2", "李四")), 100, true));

        assertThat(c.qun().ownerOnlyInvite()).isTrue();
        assertThat(c.changes().qunCreated()).isTrue();
        assertThat(refusal(c.qun().add(u("u2"), List.of(p("u3", "王五"))))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(ids(changed(c.qun().add(u("u1"), List.of(p("u3", "王五")))).qun())).containsExactly("u1", "u2", "u3");
    }

    @Test
    void a_group_may_start_with_only_its_creator() {
        var c = changed(Qun.create(Q, p("u1", "张三"), "我", List.of()));

        assertThat(ids(c.qun())).containsExactly("u1");
        assertThat(notices(c)).containsExactly(entry("u1", "您创建了群\"我\""));
    }

    @Test
    void creation_with_a_user_of_another_tenant_is_refused() {
        var outcome = Qun.create(Q, p("u1", "张三"), "项目组", List.of(p("u2", "李四"), new Person(u("x9"), OTHER, "外人")));

        assertThat(refusal(outcome)).isEqualTo(Refusal.OTHER_TENANT);
        assertThat(((Refused) outcome).message()).contains("x9");
    }

    @Test
    void creation_counts_the_creator_against_the_member_limit() {
        assertThat(refusal(Qun.create(Q, p("u1", "张三"), "项目组", List.of(p("u2", ""), p("u3", "")), 2)))
                .isEqualTo(Refusal.FULL);
        assertThat(changed(Qun.create(Q, p("u1", "张三"), "项目组", List.of(p("u2", ""), p("u1", "")), 2))
                .qun().members()).hasSize(2);
    }

    @Test
    void creation_needs_a_topic_of_at_most_64_characters() {
        assertThatThrownBy(() -> Qun.create(Q, p("u1", "张三"), " ", List.of()))
                .isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> Qun.create(Q, p("u1", "张三"), "群".repeat(65), List.of()))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("64");
        assertThat(changed(Qun.create(Q, p("u1", "张三"), "群".repeat(64), List.of())).qun().topic()).hasSize(64);
    }

    @Test
    void notices_show_the_user_id_for_an_empty_nickname() {
        var c = changed(Qun.create(Q, p("u1", ""), "项目组", List.of(p("u2", "  "))));

        assertThat(notices(c)).containsEntry("u2", "u1邀请您加入了群聊\"项目组\"");
        var added = changed(c.qun().add(u("u1"), List.of(p("u3", ""), p("u4", "赵六"))));
        assertThat(notices(added)).containsExactly(
                entry("u1", "您邀请u3、赵六等2人加入了群聊"),
                entry("u3", "您被u1邀请加入群聊"),
                entry("u4", "您被u1邀请加入群聊"),
                entry("u2", "u1邀请u3、赵六等2人加入了群聊"));
    }

    // ---- read and send ------------------------------------------------------------------------------------

    @Test
    void only_members_may_read_and_send() {
        Qun qun = group();

        assertThat(qun.canRead(u("u4"))).isTrue();
        assertThat(qun.canSend(u("u4"))).isTrue();
        assertThat(qun.canRead(u("u9"))).isFalse();
        assertThat(qun.canSend(u("u9"))).isFalse();
        assertThat(qun.owner()).contains(m("u1", "张三", Role.OWNER, 0));
        assertThat(Q.name()).hasToString("q1@qun");
    }

    // ---- rename -------------------------------------------------------------------------------------------

    @Test
    void a_rename_tells_the_actor_and_every_other_member() {
        var c = changed(group().rename(u("u2"), "新\"群\"名"));

        assertThat(c.qun().topic()).isEqualTo("新\"群\"名");
        assertThat(c.changes()).isEqualTo(new Changes(false, true, false, List.of(), List.of(), List.of()));
        assertThat(notices(c)).containsExactly(
                entry("u2", "您修改了群名为\"新\"群\"名\""),
                entry("u1", "李四修改了群名为\"新\"群\"名\""),
                entry("u3", "李四修改了群名为\"新\"群\"名\""),
                entry("u4", "李四修改了群名为\"新\"群\"名\""));
    }

    @Test
    void only_owner_and_admins_rename() {
        assertThat(group().rename(u("u1"), "新名")).isInstanceOf(Changed.class);
        assertThat(refusal(group().rename(u("u3"), "新名"))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(refusal(group().rename(u("u9"), "新名"))).isEqualTo(Refusal.NOT_MEMBER);
    }

    @Test
    void renaming_to_the_same_topic_changes_nothing() {
        Qun qun = group();
        assertThat(qun.rename(u("u1"), "项目组")).isEqualTo(new Unchanged(qun));
    }

    @Test
    void a_blank_topic_is_malformed_even_for_a_non_member() {
        assertThatThrownBy(() -> group().rename(u("u9"), "")).isInstanceOf(DomainViolation.class);
    }

    // ---- add ----------------------------------------------------------------------------------------------

    @Test
    void adding_tells_the_actor_each_added_member_and_everyone_else() {
        var c = changed(group().add(u("u3"), List.of(p("u5", "孙七"), p("u6", "周八"))));

        assertThat(notices(c)).containsExactly(
                entry("u3", "您邀请孙七、周八等2人加入了群聊"),
                entry("u5", "您被王五邀请加入群聊"),
                entry("u6", "您被王五邀请加入群聊"),
                entry("u1", "王五邀请孙七、周八等2人加入了群聊"),
                entry("u2", "王五邀请孙七、周八等2人加入了群聊"),
                entry("u4", "王五邀请孙七、周八等2人加入了群聊"));
        List<Member> added = List.of(m("u5", "孙七", Role.MEMBER, 4), m("u6", "周八", Role.MEMBER, 5));
        assertThat(c.changes()).isEqualTo(new Changes(false, false, false, added, List.of(), List.of()));
        assertThat(ids(c.qun())).containsExactly("u1", "u2", "u3", "u4", "u5", "u6");
    }

    @Test
    void existing_members_are_skipped_and_not_counted() {
        var c = changed(group().add(u("u1"), List.of(p("u2", "李四"), p("u5", "孙七"), p("u5", "孙七"))));

        assertThat(c.changes().added()).extracting(Member::user).containsExactly(u("u5"));
        assertThat(notices(c)).containsExactly(
                entry("u1", "您邀请孙七等1人加入了群聊"),
                entry("u5", "您被张三邀请加入群聊"),
                entry("u2", "张三邀请孙七等1人加入了群聊"),
                entry("u3", "张三邀请孙七等1人加入了群聊"),
                entry("u4", "张三邀请孙七等1人加入了群聊"));
    }

    @Test
    void re_adding_only_existing_members_is_a_no_op_without_notices() {
        Qun qun = group();
        assertThat(qun.add(u("u3"), List.of(p("u1", "张三"), p("u4", "赵六"), p("u3", "王五"))))
                .isEqualTo(new Unchanged(qun));
    }

    @Test
    void adding_ten_lists_three_names_and_the_total() {
        List<Person> ten = IntStream.rangeClosed(1, 10).mapToObj(i -> p("n" + i, "新" + i)).toList();
        var c = changed(group().add(u("u4"), ten));

        Map<String, String> texts = notices(c);
        assertThat(texts).hasSize(1 + 10 + 3);
        assertThat(texts).containsEntry("u4", "您邀请新1、新2、新3等10人加入了群聊")
                .containsEntry("n10", "您被赵六邀请加入群聊")
                .containsEntry("u1", "赵六邀请新1、新2、新3等10人加入了群聊");
    }

    @Test
    void only_the_owner_adds_when_the_group_is_owner_only() {
        Qun qun = group(true, 100);

        assertThat(refusal(qun.add(u("u3"), List.of(p("u5", "孙七"))))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(refusal(qun.add(u("u2"), List.of(p("u5", "孙七"))))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(qun.add(u("u1"), List.of(p("u5", "孙七")))).isInstanceOf(Changed.class);
    }

    @Test
    void a_non_member_cannot_add() {
        assertThat(refusal(group().add(u("u9"), List.of(p("u5", "孙七"))))).isEqualTo(Refusal.NOT_MEMBER);
    }

    @Test
    void adding_a_user_of_another_tenant_refuses_the_whole_add() {
        var outcome = group().add(u("u1"), List.of(p("u5", "孙七"), new Person(u("x9"), OTHER, "外人")));
        assertThat(refusal(outcome)).isEqualTo(Refusal.OTHER_TENANT);
    }

    @Test
    void the_member_limit_is_enforced_all_or_nothing() {
        Qun qun = group(false, 6);

        assertThat(refusal(qun.add(u("u1"), List.of(p("u5", ""), p("u6", ""), p("u7", ""))))).isEqualTo(Refusal.FULL);
        assertThat(changed(qun.add(u("u1"), List.of(p("u5", ""), p("u6", ""), p("u1", "")))).qun().members())
                .hasSize(6);
    }

    @Test
    void a_group_loaded_over_a_lowered_limit_stays_readable_but_takes_no_one() {
        Qun qun = group(false, 2);

        assertThat(qun.canRead(u("u4"))).isTrue();
        assertThat(refusal(qun.add(u("u1"), List.of(p("u5", ""))))).isEqualTo(Refusal.FULL);
        assertThat(qun.add(u("u1"), List.of(p("u4", "")))).isInstanceOf(Unchanged.class);
    }

    @Test
    void adding_nobody_is_malformed() {
        assertThatThrownBy(() -> group().add(u("u1"), List.of()))
                .isInstanceOf(DomainViolation.class)
                .extracting(e -> ((DomainViolation) e).code()).isEqualTo("qun.no_members");
    }

    // ---- remove -------------------------------------------------------------------------------------------

    @Test
    void removing_tells_the_actor_each_removed_member_and_the_other_remaining_members() {
        var c = changed(group().remove(u("u1"), List.of(u("u4"), u("u2"))));

        assertThat(notices(c)).containsExactly(
                entry("u1", "您将赵六、李四等2人移出了群聊"),
                entry("u4", "您被张三移出了群聊"),
                entry("u2", "您被张三移出了群聊"),
                entry("u3", "张三将赵六、李四等2人移出了群聊"));
        assertThat(c.changes()).isEqualTo(new Changes(false, false, false, List.of(), List.of(u("u4"), u("u2")), List.of()));
        assertThat(ids(c.qun())).containsExactly("u1", "u3");
    }

    @Test
    void an_admin_removes_plain_members_only() {
        assertThat(notices(changed(group().remove(u("u2"), List.of(u("u3")))))).containsExactly(
                entry("u2", "您将王五等1人移出了群聊"),
                entry("u3", "您被李四移出了群聊"),
                entry("u1", "李四将王五等1人移出了群聊"),
                entry("u4", "李四将王五等1人移出了群聊"));
        assertThat(refusal(group().remove(u("u2"), List.of(u("u3"), u("u1"))))).isEqualTo(Refusal.NOT_ALLOWED);
        Qun twoAdmins = changed(group().setRole(u("u1"), u("u3"), Role.ADMIN)).qun();
        assertThat(refusal(twoAdmins.remove(u("u2"), List.of(u("u3"))))).isEqualTo(Refusal.NOT_ALLOWED);
    }

    @Test
    void a_plain_member_or_outsider_cannot_remove_others() {
        assertThat(refusal(group().remove(u("u3"), List.of(u("u4"))))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(refusal(group().remove(u("u9"), List.of(u("u4"))))).isEqualTo(Refusal.NOT_MEMBER);
    }

    @Test
    void non_members_in_the_list_are_skipped_and_removing_only_them_changes_nothing() {
        Qun qun = group();
        assertThat(qun.remove(u("u1"), List.of(u("u8"), u("u9")))).isEqualTo(new Unchanged(qun));
        var c = changed(qun.remove(u("u1"), List.of(u("u9"), u("u3"), u("u3"))));
        assertThat(c.changes().removed()).containsExactly(u("u3"));
        assertThat(notices(c)).containsEntry("u1", "您将王五等1人移出了群聊");
    }

    @Test
    void removing_oneself_is_leaving_even_for_a_plain_member() {
        Qun qun = group();
        assertThat(qun.remove(u("u3"), List.of(u("u3")))).isEqualTo(qun.leave(u("u3")));
    }

    @Test
    void removing_others_and_oneself_removes_them_then_leaves() {
        var c = changed(group().remove(u("u1"), List.of(u("u1"), u("u3"))));

        assertThat(c.notices()).extracting(n -> n.recipient().value() + ":" + n.text()).containsExactly(
                "u1:您将王五等1人移出了群聊",
                "u3:您被张三移出了群聊",
                "u2:张三将王五等1人移出了群聊",
                "u4:张三将王五等1人移出了群聊",
                "u1:您退出了群聊",
                "u2:张三退出了群聊",
                "u4:张三退出了群聊");
        assertThat(c.qun().members()).containsExactly(m("u2", "李四", Role.OWNER, 1), m("u4", "赵六", Role.MEMBER, 3));
        assertThat(c.changes()).isEqualTo(new Changes(false, false, false, List.of(),
                List.of(u("u3"), u("u1")), List.of(m("u2", "李四", Role.OWNER, 1))));
    }

    @Test
    void removing_ten_lists_three_names_and_the_total() {
        List<Member> many = new ArrayList<>(List.of(m("u1", "张三", Role.OWNER, 0)));
        IntStream.rangeClosed(1, 10).forEach(i -> many.add(m("n" + i, "成员" + i, Role.MEMBER, i)));
        many.add(m("u2", "李四", Role.MEMBER, 11));
        Qun qun = new Qun(Q, T, "大群", 100, false, many);

        var c = changed(qun.remove(u("u1"), IntStream.rangeClosed(1, 10).mapToObj(i -> u("n" + i)).toList()));
        assertThat(notices(c)).hasSize(12)
                .containsEntry("u1", "您将成员1、成员2、成员3等10人移出了群聊")
                .containsEntry("u2", "张三将成员1、成员2、成员3等10人移出了群聊")
                .containsEntry("n7", "您被张三移出了群聊");
    }

    @Test
    void removing_nobody_is_malformed() {
        assertThatThrownBy(() -> group().remove(u("u1"), List.of())).isInstanceOf(DomainViolation.class);
    }

    // ---- leave --------------------------------------------------------------------------------------------

    @Test
    void a_leaver_gets_you_left_and_the_rest_get_x_left() {
        var c = changed(group().leave(u("u3")));

        assertThat(notices(c)).containsExactly(
                entry("u3", "您退出了群聊"),
                entry("u1", "王五退出了群聊"),
                entry("u2", "王五退出了群聊"),
                entry("u4", "王五退出了群聊"));
        assertThat(c.changes()).isEqualTo(new Changes(false, false, false, List.of(), List.of(u("u3")), List.of()));
        assertThat(c.qun().owner().orElseThrow().user()).isEqualTo(u("u1"));
    }

    @Test
    void an_owner_who_leaves_hands_ownership_to_the_longest_standing_member_whatever_his_role() {
        // loaded out of order: u4 joined first among the rest, and is a plain member while u2 is an admin
        Qun qun = new Qun(Q, T, "项目组", 100, false, List.of(
                m("u2", "李四", Role.ADMIN, 7), m("u1", "张三", Role.OWNER, 0), m("u4", "赵六", Role.MEMBER, 3)));

        var c = changed(qun.leave(u("u1")));

        assertThat(c.qun().members()).containsExactly(m("u4", "赵六", Role.OWNER, 3), m("u2", "李四", Role.ADMIN, 7));
        assertThat(c.changes().roleChanged()).containsExactly(m("u4", "赵六", Role.OWNER, 3));
        assertThat(notices(c)).containsExactly(
                entry("u1", "您退出了群聊"), entry("u4", "张三退出了群聊"), entry("u2", "张三退出了群聊"));
    }

    @Test
    void equal_join_order_falls_back_to_the_user_id() {
        Qun qun = new Qun(Q, T, "项目组", 100, false, List.of(
                m("b", "", Role.MEMBER, 1), m("o", "", Role.OWNER, 0), m("a", "", Role.MEMBER, 1)));

        assertThat(ids(qun)).containsExactly("o", "a", "b");
        assertThat(changed(qun.leave(u("o"))).qun().owner().orElseThrow().user()).isEqualTo(u("a"));
    }

    @Test
    void the_group_never_lacks_an_owner_while_it_has_members_and_the_last_leaver_dissolves_it() {
        Qun qun = group();
        while (qun.members().size() > 1) {
            qun = changed(qun.leave(qun.owner().orElseThrow().user())).qun();
            assertThat(qun.members().stream().filter(x -> x.role() == Role.OWNER)).hasSize(1);
        }
        assertThat(qun.owner().orElseThrow().user()).isEqualTo(u("u4"));

        var last = changed(qun.leave(u("u4")));
        assertThat(last.qun().isDissolved()).isTrue();
        assertThat(last.qun().owner()).isEmpty();
        assertThat(last.changes()).isEqualTo(new Changes(false, false, true, List.of(), List.of(u("u4")), List.of()));
        assertThat(notices(last)).containsExactly(entry("u4", "您退出了群聊"));
        assertThat(refusal(last.qun().add(u("u4"), List.of(p("u4", ""))))).isEqualTo(Refusal.NOT_MEMBER);
    }

    @Test
    void the_owner_removing_everyone_and_himself_dissolves_the_group() {
        var c = changed(group().remove(u("u1"), List.of(u("u2"), u("u3"), u("u4"), u("u1"))));

        assertThat(c.qun().isDissolved()).isTrue();
        assertThat(c.changes().qunDissolved()).isTrue();
        assertThat(c.changes().removed()).containsExactly(u("u2"), u("u3"), u("u4"), u("u1"));
        assertThat(c.notices()).extracting(n -> n.recipient().value() + ":" + n.text()).containsExactly(
                "u1:您将李四、王五、赵六等3人移出了群聊",
                "u2:您被张三移出了群聊", "u3:您被张三移出了群聊", "u4:您被张三移出了群聊",
                "u1:您退出了群聊");
    }

    @Test
    void a_non_member_cannot_leave() {
        assertThat(refusal(group().leave(u("u9")))).isEqualTo(Refusal.NOT_MEMBER);
    }

    // ---- roles and settings -------------------------------------------------------------------------------

    @Test
    void the_owner_sets_roles_without_notices() {
        var c = changed(group().setRole(u("u1"), u("u3"), Role.ADMIN));

        assertThat(c.qun().member(u("u3")).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(c.changes().roleChanged()).containsExactly(m("u3", "王五", Role.ADMIN, 2));
        assertThat(c.notices()).isEmpty();
        assertThat(c.qun().rename(u("u3"), "新名")).isInstanceOf(Changed.class);
    }

    @Test
    void making_someone_owner_transfers_ownership_and_the_old_owner_becomes_admin() {
        var c = changed(group().setRole(u("u1"), u("u4"), Role.OWNER));

        assertThat(c.qun().owner().orElseThrow().user()).isEqualTo(u("u4"));
        assertThat(c.changes().roleChanged()).containsExactly(m("u4", "赵六", Role.OWNER, 3), m("u1", "张三", Role.ADMIN, 0));
    }

    @Test
    void only_the_owner_sets_roles_and_never_demotes_himself() {
        assertThat(refusal(group().setRole(u("u2"), u("u3"), Role.ADMIN))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(refusal(group().setRole(u("u9"), u("u3"), Role.ADMIN))).isEqualTo(Refusal.NOT_MEMBER);
        assertThat(refusal(group().setRole(u("u1"), u("u9"), Role.ADMIN))).isEqualTo(Refusal.UNKNOWN_MEMBER);
        assertThat(refusal(group().setRole(u("u1"), u("u1"), Role.MEMBER))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(group().setRole(u("u1"), u("u2"), Role.ADMIN)).isInstanceOf(Unchanged.class);
    }

    @Test
    void the_owner_switches_owner_only_invite() {
        var c = changed(group().setOwnerOnlyInvite(u("u1"), true));

        assertThat(c.qun().ownerOnlyInvite()).isTrue();
        assertThat(c.changes().qunUpdated()).isTrue();
        assertThat(c.notices()).isEmpty();
        assertThat(refusal(group().setOwnerOnlyInvite(u("u2"), true))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(group().setOwnerOnlyInvite(u("u1"), false)).isInstanceOf(Unchanged.class);
    }

    // ---- structure ----------------------------------------------------------------------------------------

    @Test
    void a_group_with_members_has_exactly_one_owner() {
        assertThatThrownBy(() -> new Qun(Q, T, "x", 10, false, List.of(m("a", "", Role.MEMBER, 0))))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("exactly one owner");
        assertThatThrownBy(() -> new Qun(Q, T, "x", 10, false,
                List.of(m("a", "", Role.OWNER, 0), m("b", "", Role.OWNER, 1))))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("exactly one owner");
        assertThat(new Qun(Q, T, "x", 10, false, List.of()).isDissolved()).isTrue();
    }

    @Test
    void a_member_is_listed_once_and_the_limit_is_in_range() {
        assertThatThrownBy(() -> new Qun(Q, T, "x", 10, false,
                List.of(m("a", "", Role.OWNER, 0), m("a", "", Role.MEMBER, 1))))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new Qun(Q, T, "x", 0, false, List.of())).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new Qun(Q, T, "x", Qun.MAX_MEMBERS_LIMIT + 1, false, List.of()))
                .isInstanceOf(DomainViolation.class);
    }

    @Test
    void roles_map_to_the_stored_codes() {
        assertThat(Role.ofCode(0)).isEqualTo(Role.OWNER);
        assertThat(Role.ofCode(1)).isEqualTo(Role.ADMIN);
        assertThat(Role.MEMBER.code()).isEqualTo(2);
        assertThatThrownBy(() -> Role.ofCode(3)).isInstanceOf(DomainViolation.class);
    }
}
