package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Groups end to end (docs/groups.md): three users create a group, add, rename, remove
 * and leave; every notice text arrives in each mailbox and live over WebSocket; a non-member is refused. The owner
 * makes admins, hands ownership over and makes the group owner-only, with the exact refusals. Subclasses choose
 * the database.
 */
abstract class QunContract extends ServerFixture {

    private ObjectNode base(String token) {
        ObjectNode body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceType", "Android").put("token", token);
        return body;
    }

    private static void members(ObjectNode body, String... uids) {
        var list = body.putArray("memberList");
        for (String uid : uids) {
            list.addObject().put("uid", uid).put("nickName", "ignored");
        }
    }

    private JsonNode call(String route, ObjectNode body) {
        return client.post("/app/client/device/" + route, body);
    }

    private static JsonNode ok(JsonNode response) {
        assertThat(ret(response)).as(response.toString()).isZero();
        return response;
    }

    private List<JsonNode> mailbox(String token, String uid) {
        JsonNode page = fetch(token, uid + "@user", 0, 100);
        assertThat(ret(page)).as(page.toString()).isZero();
        List<JsonNode> out = new ArrayList<>();
        page.path("data").path("msgs").forEach(m -> out.add(m.get("msg")));
        return out;
    }

    private static List<String> contents(List<JsonNode> messages) {
        return messages.stream().map(m -> m.get("content").asText()).toList();
    }

    private static List<String> live(Socket socket, int count) {
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            String frame = socket.next(5);
            if (!frame.startsWith("+")) {
                out.add(content(frame));
            }
        }
        return out;
    }

    @Test
    void a_group_lives_and_every_member_hears_of_it() throws Exception {
        syncUser("carol", "carol-login", "Carol", "carol-pw");
        syncUser("dave", "dave-login", "Dave", "dave-pw");
        String alice = login("alice-login", "alice-pw", "Android-a1");
        String bob = login("bob-login", "bob-pw", "Android-b1");
        String carol = login("carol-login", "carol-pw", "Android-c1");
        String dave = login("dave-login", "dave-pw", "Android-d1");

        try (Socket bobPhone = subscribe("bob_Android-b1@user", bob, "&ver=1");
                Socket carolPhone = subscribe("carol_Android-c1@user", carol, "&ver=1")) {
            var create = base(alice).put("topic", "Team").put("memberCount", 1);
            members(create, "bob");
            JsonNode created = ok(call("create-qun", create));
            String qun = created.get("ChatRoomName").asText();
            assertThat(qun).endsWith("@qun");
            assertThat(created.get("topic").asText()).isEqualTo("Team");
            assertThat(DirectoryContract.ids(created.get("memberList"), "uid")).containsExactly("alice", "bob");

            var add = base(alice).put("ChatRoomName", qun);
            members(add, "carol");
            JsonNode added = ok(call("addQunMember", add));
            assertThat(added.get("memberCount").asInt()).isEqualTo(3);
            assertThat(added.get("quninfo").get("creatorId").asText()).isEqualTo("alice");

            JsonNode renamed = ok(call("updateQunTopic", base(alice).put("ChatRoomName", qun).put("topic", "Crew")));
            assertThat(renamed.get("baseResponse").get("errMsg").asText()).isEqualTo("update Qun Topic success");

            var remove = base(alice).put("ChatRoomName", qun);
            members(remove, "bob");
            assertThat(DirectoryContract.ids(ok(call("delQunMember", remove)).get("memberList"), "uid"))
                    .containsExactly("alice", "carol");

            var leave = base(carol).put("ChatRoomName", qun);
            members(leave, "carol");
            assertThat(ok(call("delQunMember", leave)).get("memberCount").asInt()).isEqualTo(1);

            JsonNode info = ok(call("getQunMembers", base(alice).put("userName", qun)));
            assertThat(info.get("quninfo").get("name").asText()).isEqualTo("Crew");
            assertThat(info.get("quninfo").get("id").asText() + "@qun").isEqualTo(qun);
            assertThat(DirectoryContract.ids(info.get("memberList"), "uid")).containsExactly("alice");

            // the removed and the never-member are refused: 65538
            assertThat(ret(call("getQunMembers", base(dave).put("userName", qun)))).isEqualTo(65538);
            assertThat(ret(call("updateQunTopic", base(bob).put("ChatRoomName", qun).put("topic", "Mine"))))
                    .isEqualTo(65538);
            var sneak = base(dave).put("ChatRoomName", qun);
            members(sneak, "dave");
            assertThat(ret(call("addQunMember", sneak))).isEqualTo(65538);

            List<String> aliceTexts = List.of("您创建了群\"Team\"", "您邀请Carol等1人加入了群聊", "您修改了群名为\"Crew\"",
                    "您将Bob等1人移出了群聊", "Carol退出了群聊");
            List<String> bobTexts = List.of("Alice邀请您加入了群聊\"Team\"", "Alice邀请Carol等1人加入了群聊",
                    "Alice修改了群名为\"Crew\"", "您被Alice移出了群聊");
            List<String> carolTexts = List.of("您被Alice邀请加入群聊", "Alice修改了群名为\"Crew\"", "Alice将Bob等1人移出了群聊",
                    "您退出了群聊");
            assertThat(contents(mailbox(alice, "alice"))).containsExactlyElementsOf(aliceTexts);
            assertThat(contents(mailbox(bob, "bob"))).containsExactlyElementsOf(bobTexts);
            assertThat(contents(mailbox(carol, "carol"))).containsExactlyElementsOf(carolTexts);
            assertThat(mailbox(dave, "dave")).isEmpty();

            JsonNode notice = mailbox(bob, "bob").get(2);
            assertThat(notice.get("msgType").asInt()).isEqualTo(51);
            assertThat(notice.get("fromUserName").asText()).isEqualTo(qun);
            assertThat(notice.get("fromDisplayName").asText()).isEqualTo("Crew");
            assertThat(notice.get("toUserName").asText()).isEqualTo("bob@user");
            assertThat(notice.get("expire").asLong()).isPositive();

            assertThat(live(bobPhone, 4)).containsExactlyElementsOf(bobTexts);
            assertThat(live(carolPhone, 4)).containsExactlyElementsOf(carolTexts);
        }
    }

    /** The quninfo times, as {@code [created, updated]}; RFC 3339 in UTC ({@code Instant.toString()}). */
    private static List<Instant> times(JsonNode response) {
        JsonNode info = response.get("quninfo");
        List<Instant> out = new ArrayList<>();
        for (String field : List.of("created", "updated")) {
            String text = info.get(field).asText();
            assertThat(text).as(field).endsWith("Z");
            out.add(Instant.parse(text));
        }
        return out;
    }

    @Test
    void quninfo_reports_when_the_group_was_created_and_every_change_moves_updated() {
        syncUser("hal", "hal-login", "Hal", "hal-pw");
        syncUser("ivy", "ivy-login", "Ivy", "ivy-pw");
        syncUser("jay", "jay-login", "Jay", "jay-pw");
        String ivy = login("ivy-login", "ivy-pw", "Android-i1");
        String jay = login("jay-login", "jay-pw", "Android-j1");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var create = base(ivy).put("topic", "Clock");
        members(create, "jay");
        String qun = ok(call("create-qun", create)).get("ChatRoomName").asText();

        List<Instant> fresh = times(ok(call("getQunMembers", base(jay).put("userName", qun))));
        Instant created = fresh.get(0);
        assertThat(created).isBetween(before, Instant.now());
        assertThat(fresh.get(1)).isEqualTo(created);

        ok(call("updateQunTopic", base(ivy).put("ChatRoomName", qun).put("topic", "Clock 2")));
        List<Instant> renamed = times(ok(call("getQunMembers", base(ivy).put("userName", qun))));
        var add = base(ivy).put("ChatRoomName", qun);
        members(add, "hal");
        List<Instant> added = times(ok(call("addQunMember", add)));
        var remove = base(ivy).put("ChatRoomName", qun);
        members(remove, "hal");
        List<Instant> removed = times(ok(call("delQunMember", remove)));
        List<Instant> read = times(ok(call("getQunMembers", base(jay).put("userName", qun))));

        assertThat(List.of(renamed, added, removed, read)).extracting(t -> t.get(0)).containsOnly(created);
        assertThat(renamed.get(1)).isAfter(created);
        assertThat(added.get(1)).isAfter(renamed.get(1));
        assertThat(removed.get(1)).isAfter(added.get(1));
        assertThat(read.get(1)).isEqualTo(removed.get(1));
    }

    @Test
    void members_speak_to_the_group_and_outsiders_get_65538() throws Exception {
        syncUser("erin", "erin-login", "Erin", "erin-pw");
        syncUser("frank", "frank-login", "Frank", "frank-pw");
        syncUser("gus", "gus-login", "Gus", "gus-pw");
        String erin = login("erin-login", "erin-pw", "Android-e1");
        String frank = login("frank-login", "frank-pw", "Android-f1");
        String gus = login("gus-login", "gus-pw", "Android-g1");
        var create = base(erin).put("topic", "Lunch");
        members(create, "frank");
        String qun = ok(call("create-qun", create)).get("ChatRoomName").asText();

        String erinTablet = login("erin-login", "erin-pw", "iPad-e2");
        try (Socket frankPhone = subscribe("frank_Android-f1@user", frank, "&ver=1");
                Socket erinPhone = subscribe("erin_Android-e1@user", erin, "&ver=1");
                Socket erinOther = subscribe("erin_iPad-e2@user", erinTablet, "&ver=1")) {
            JsonNode sent = push(erin, "Android-e1", "erin@user", qun, "noon?");
            assertThat(ret(sent)).as(sent.toString()).isZero();

            String frame = live(frankPhone, 1).getFirst();
            assertThat(frame).isEqualTo("erin@user|erin-login|Erin&&noon?");
            JsonNode stored = mailbox(frank, "frank").getLast();
            assertThat(stored.get("fromUserName").asText()).isEqualTo(qun);
            assertThat(stored.get("fromDisplayName").asText()).isEqualTo("Lunch");
            assertThat(stored.get("content").asText()).isEqualTo("erin@user|erin-login|Erin&&noon?");

            // the sender's other device and the sender's mailbox get the plain copy (legacy §7.2), not the group's
            assertThat(live(erinOther, 1)).containsExactly("noon?");
            JsonNode own = mailbox(erin, "erin").getLast();
            assertThat(own.get("fromUserName").asText()).isEqualTo("erin@user");
            assertThat(own.get("toUserName").asText()).isEqualTo(qun);
            assertThat(own.get("content").asText()).isEqualTo("noon?");
            assertThat(own.get("msgId").asText()).isEqualTo(sent.get("msgID").asText())
                    .isNotEqualTo(stored.get("msgId").asText());
            assertThat(sent.get("mid").asLong()).isEqualTo(fetch(erin, "erin@user", 0, 100).path("data").path("msgs")
                    .get(mailbox(erin, "erin").size() - 1).get("mid").asLong());
            assertThat(erinPhone.drain(300)).as("the sending device gets no copy of its own push")
                    .noneMatch(f -> f.contains("noon?"));

            assertThat(ret(push(gus, "Android-g1", "gus@user", qun, "me too"))).isEqualTo(65538);
            assertThat(mailbox(gus, "gus")).isEmpty();
            assertThat(ret(push(erin, "Android-e1", "erin@user", "nosuch@qun", "hello?"))).isEqualTo(65531);
        }
    }

    // ---- roles and owner-only invite ------------------------------------------------------------------------

    private JsonNode setRole(String token, String qun, String uid, String role) {
        return call("setQunMemberRole", base(token).put("ChatRoomName", qun).put("userName", uid + "@user")
                .put("role", role));
    }

    private JsonNode setInvite(String token, String qun, boolean ownerOnly) {
        return call("setQunInvite", base(token).put("ChatRoomName", qun).put("ownerOnlyInvite", ownerOnly));
    }

    private JsonNode addMember(String token, String qun, String uid) {
        var add = base(token).put("ChatRoomName", qun);
        members(add, uid);
        return call("addQunMember", add);
    }

    private JsonNode removeMember(String token, String qun, String uid) {
        var remove = base(token).put("ChatRoomName", qun);
        members(remove, uid);
        return call("delQunMember", remove);
    }

    /**
     * Syncs each user (login {@code {uid}-login}, nickname the uid capitalised, password {@code {uid}-pw}) and
     * logs him in on {@code Android-{uid}}; uid → token.
     */
    private Map<String, String> signUp(String... uids) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String uid : uids) {
            syncUser(uid, uid + "-login", Character.toUpperCase(uid.charAt(0)) + uid.substring(1), uid + "-pw");
            tokens.put(uid, login(uid + "-login", uid + "-pw", "Android-" + uid));
        }
        return tokens;
    }

    /** uid → role (0 owner, 1 admin, 2 member) of the answer's memberList, in join order. */
    private static Map<String, Integer> roles(JsonNode response) {
        Map<String, Integer> out = new LinkedHashMap<>();
        response.get("memberList").forEach(m -> out.put(m.get("uid").asText(), m.get("role").asInt()));
        return out;
    }

    /** The group as a member reads it: quninfo (with its updated time) and the member list. */
    private JsonNode state(String token, String qun) {
        JsonNode read = ok(call("getQunMembers", base(token).put("userName", qun)));
        return Client.obj().setAll(Map.of("quninfo", read.get("quninfo"), "memberList", read.get("memberList")));
    }

    /** Asserts {@code response} is refused with {@code code} and the group reads exactly as before. */
    private void refused(JsonNode response, int code, JsonNode before, String reader, String qun) {
        assertThat(ret(response)).as(response.toString()).isEqualTo(code);
        assertThat(state(reader, qun)).isEqualTo(before);
    }

    @Test
    void the_owner_makes_admins_who_rename_and_remove_plain_members_but_not_the_owner_or_an_admin() {
        Map<String, String> tokens = signUp("kim", "lee", "mo", "ned", "oz");
        String kim = tokens.get("kim");
        String lee = tokens.get("lee");
        var create = base(kim).put("topic", "Roles");
        members(create, "lee", "mo", "ned");
        JsonNode created = ok(call("create-qun", create));
        String qun = created.get("ChatRoomName").asText();
        assertThat(roles(created)).containsExactly(Map.entry("kim", 0), Map.entry("lee", 2), Map.entry("mo", 2),
                Map.entry("ned", 2));

        // a plain member, an outsider, an unknown target and a bad role word change nothing
        JsonNode before = state(kim, qun);
        assertThat(before.get("quninfo").get("ownerOnlyInvite").asBoolean()).isFalse();
        refused(setRole(lee, qun, "mo", "admin"), 65533, before, kim, qun);
        refused(setRole(lee, qun, "lee", "owner"), 65533, before, kim, qun);
        refused(setRole(tokens.get("oz"), qun, "mo", "admin"), 65538, before, kim, qun);
        refused(setRole(kim, qun, "oz", "admin"), 65534, before, kim, qun);
        refused(setRole(kim, qun, "kim", "member"), 65533, before, kim, qun);
        JsonNode badWord = setRole(kim, qun, "lee", "boss");
        assertThat(badWord.get("baseResponse").get("errMsg").asText()).isEqualTo("role must be \"owner\", \"admin\" or \"member\"");
        refused(badWord, 65534, before, kim, qun);
        refused(setRole(kim, "nosuch@qun", "lee", "admin"), 65531, before, kim, qun);
        JsonNode same = ok(setRole(kim, qun, "lee", "member"));
        assertThat(same.get("quninfo")).as("the role he has: nothing written").isEqualTo(before.get("quninfo"));

        JsonNode madeAdmin = ok(setRole(kim, qun, "lee", "admin"));
        assertThat(roles(madeAdmin)).containsEntry("lee", 1);
        assertThat(madeAdmin.get("memberCount").asInt()).isEqualTo(4);
        assertThat(roles(ok(setRole(kim, qun, "ned", "admin")))).containsExactly(Map.entry("kim", 0),
                Map.entry("lee", 1), Map.entry("mo", 2), Map.entry("ned", 1));

        ok(call("updateQunTopic", base(lee).put("ChatRoomName", qun).put("topic", "Roles 2")));
        assertThat(DirectoryContract.ids(ok(removeMember(lee, qun, "mo")).get("memberList"), "uid"))
                .containsExactly("kim", "lee", "ned");
        JsonNode afterRemove = state(kim, qun);
        refused(removeMember(lee, qun, "kim"), 65533, afterRemove, kim, qun);
        refused(removeMember(lee, qun, "ned"), 65533, afterRemove, kim, qun);
        refused(setRole(lee, qun, "ned", "member"), 65533, afterRemove, kim, qun);

        // role changes send no notice: ned heard of the creation, the rename and the removal only
        assertThat(contents(mailbox(tokens.get("ned"), "ned"))).containsExactly("Kim邀请您加入了群聊\"Roles\"",
                "Lee修改了群名为\"Roles 2\"", "Lee将Mo等1人移出了群聊");
    }

    @Test
    void ownership_moves_on_and_owner_only_invite_lets_only_the_owner_add() {
        Map<String, String> tokens = signUp("pia", "quin", "rex", "sal", "tod");
        String pia = tokens.get("pia");
        String quin = tokens.get("quin");
        String rex = tokens.get("rex");
        var create = base(pia).put("topic", "Handover");
        members(create, "quin", "rex");
        String qun = ok(call("create-qun", create)).get("ChatRoomName").asText();

        JsonNode handed = ok(setRole(pia, qun, "quin", "owner"));
        assertThat(handed.get("quninfo").get("creatorId").asText()).isEqualTo("quin");
        assertThat(handed.get("quninfo").get("creatorUserName").asText()).isEqualTo("quin@user");
        assertThat(roles(handed)).containsExactly(Map.entry("pia", 1), Map.entry("quin", 0), Map.entry("rex", 2));
        JsonNode before = state(quin, qun);
        refused(setRole(pia, qun, "rex", "admin"), 65533, before, quin, qun);
        refused(setInvite(pia, qun, true), 65533, before, quin, qun);
        refused(setInvite(rex, qun, true), 65533, before, quin, qun);

        JsonNode on = ok(setInvite(quin, qun, true));
        assertThat(on.get("quninfo").get("ownerOnlyInvite").asBoolean()).isTrue();
        assertThat(on.get("memberCount").asInt()).isEqualTo(3);
        JsonNode ownerOnly = state(quin, qun);
        refused(addMember(rex, qun, "sal"), 65533, ownerOnly, quin, qun);
        refused(addMember(pia, qun, "sal"), 65533, ownerOnly, quin, qun);
        JsonNode nonBoolean = call("setQunInvite", base(quin).put("ChatRoomName", qun).put("ownerOnlyInvite", "false"));
        assertThat(nonBoolean.get("baseResponse").get("errMsg").asText()).isEqualTo("ownerOnlyInvite must be true or false");
        refused(nonBoolean, 65534, ownerOnly, quin, qun);
        assertThat(ok(setInvite(quin, qun, true)).get("quninfo")).as("the setting it has: nothing written")
                .isEqualTo(ownerOnly.get("quninfo"));
        assertThat(DirectoryContract.ids(ok(addMember(quin, qun, "sal")).get("memberList"), "uid"))
                .containsExactly("pia", "quin", "rex", "sal");

        JsonNode off = ok(setInvite(quin, qun, false));
        assertThat(off.get("quninfo").get("ownerOnlyInvite").asBoolean()).isFalse();
        assertThat(DirectoryContract.ids(ok(addMember(rex, qun, "tod")).get("memberList"), "uid"))
                .containsExactly("pia", "quin", "rex", "sal", "tod");
        assertThat(contents(mailbox(tokens.get("sal"), "sal"))).as("no notice for the role or the switch")
                .containsExactly("您被Quin邀请加入群聊", "Rex邀请Tod等1人加入了群聊");
    }

    @Test
    void a_group_created_owner_only_takes_new_members_from_its_owner_alone() {
        Map<String, String> tokens = signUp("uma", "vic", "wes");
        String uma = tokens.get("uma");
        String vic = tokens.get("vic");
        var create = base(uma).put("topic", "Closed").put("ownerOnlyInvite", true);
        members(create, "vic");
        String qun = ok(call("create-qun", create)).get("ChatRoomName").asText();

        JsonNode before = state(uma, qun);
        assertThat(before.get("quninfo").get("ownerOnlyInvite").asBoolean()).isTrue();
        refused(addMember(vic, qun, "wes"), 65533, before, uma, qun);
        assertThat(ok(addMember(uma, qun, "wes")).get("memberCount").asInt()).isEqualTo(3);
    }
}
