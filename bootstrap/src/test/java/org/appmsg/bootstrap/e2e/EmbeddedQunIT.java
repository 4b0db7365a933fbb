package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Groups end to end on the embedded database (docs/groups.md): three users create a group, add, rename, remove
 * and leave; every notice text arrives in each mailbox and live over WebSocket; a non-member is refused.
 */
class EmbeddedQunIT extends ServerFixture {

    @Override
    String databaseUrl() {
        return "";
    }

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

    @Test
    void members_speak_to_the_group_and_outsiders_get_65538() {
        syncUser("erin", "erin-login", "Erin", "erin-pw");
        syncUser("frank", "frank-login", "Frank", "frank-pw");
        syncUser("gus", "gus-login", "Gus", "gus-pw");
        String erin = login("erin-login", "erin-pw", "Android-e1");
        String frank = login("frank-login", "frank-pw", "Android-f1");
        String gus = login("gus-login", "gus-pw", "Android-g1");
        var create = base(erin).put("topic", "Lunch");
        members(create, "frank");
        String qun = ok(call("create-qun", create)).get("ChatRoomName").asText();

        try (Socket frankPhone = subscribe("frank_Android-f1@user", frank, "&ver=1")) {
            JsonNode sent = push(erin, "Android-e1", "erin@user", qun, "noon?");
            assertThat(ret(sent)).as(sent.toString()).isZero();

            String frame = live(frankPhone, 1).getFirst();
            assertThat(frame).isEqualTo("erin@user|erin-login|Erin&&noon?");
            JsonNode stored = mailbox(frank, "frank").getLast();
            assertThat(stored.get("fromUserName").asText()).isEqualTo(qun);
            assertThat(stored.get("fromDisplayName").asText()).isEqualTo("Lunch");
            assertThat(stored.get("content").asText()).isEqualTo("erin@user|erin-login|Erin&&noon?");
            assertThat(contents(mailbox(erin, "erin")).getLast()).isEqualTo("erin@user|erin-login|Erin&&noon?");
            assertThat(mailbox(erin, "erin").getLast().get("msgId").asText()).isEqualTo(stored.get("msgId").asText());

            assertThat(ret(push(gus, "Android-g1", "gus@user", qun, "me too"))).isEqualTo(65538);
            assertThat(mailbox(gus, "gus")).isEmpty();
            assertThat(ret(push(erin, "Android-e1", "erin@user", "nosuch@qun", "hello?"))).isEqualTo(65531);
        }
    }
}
