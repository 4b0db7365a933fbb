package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed directory requests against the real server: each gets 65534 with an errMsg naming the problem,
 * and what the tenant's application and users see is the same afterwards.
 */
class DirectoryBadInputIT extends ServerFixture {

    private DirectoryCalls dir;
    private String aliceToken;

    @Override
    String databaseUrl() {
        return "";
    }

    @BeforeAll
    void seed() {
        dir = new DirectoryCalls(client);
        DirectoryContract.ok(dir.syncOrg(appToken, "root", "", "", "Root", 0));
        DirectoryContract.ok(dir.syncOrg(appToken, "leaf", "root", "", "Leaf", 0));
        DirectoryContract.ok(dir.orgUser(appToken, true, "root", "bob"));
        aliceToken = login("alice-login", "alice-pw", "Android-a1");
    }

    static Stream<Arguments> malformed() {
        String app = "\"baseRequest\":{\"token\":\"APPTOKEN\"}";
        String user = "\"baseRequest\":{\"token\":\"USERTOKEN\"}";
        String tenant = "\"id\":\"t1\",\"code\":\"t1\",\"customerId\":\"c1\"";
        String syncTenant = "/app/client/app/syncTenant";
        String syncOrg = "/app/client/app/syncOrg";
        return Stream.of(
                Arguments.of(syncTenant, "{" + app + "}", "tennat"),
                Arguments.of(syncTenant, "{" + app + ",\"tennat\":{" + tenant + ",\"name\":\"A\"},\"tenant\":{" + tenant + ",\"name\":\"B\"}}", "tenant"),
                Arguments.of(syncTenant, "{" + app + ",\"tennat\":{\"id\":\"bad id!\",\"name\":\"A\",\"customerId\":\"c1\"}}", "id"),
                Arguments.of(syncTenant, "{" + app + ",\"tennat\":{" + tenant + "}}", "name"),
                Arguments.of(syncTenant, "{" + app + ",\"tennat\":{" + tenant + ",\"name\":\"" + "n".repeat(129) + "\"}}", "name"),
                Arguments.of(syncTenant, "{" + app + ",\"tennat\":{" + tenant + ",\"name\":\"A\",\"status\":\"on\"}}", "status"),
                Arguments.of(syncTenant, "{" + app + ",\"tennat\":{\"id\":\"t1\",\"name\":\"A\"}}", "customerId"),
                Arguments.of(syncOrg, "{" + app + "}", "org"),
                Arguments.of(syncOrg, "{" + app + ",\"org\":{\"name\":\"Root\"}}", "id"),
                Arguments.of(syncOrg, "{" + app + ",\"org\":{\"id\":\"root\",\"name\":\"" + "n".repeat(129) + "\"}}", "name"),
                Arguments.of(syncOrg, "{" + app + ",\"org\":{\"id\":\"root\",\"name\":\"Root\",\"sort\":\"3rd\"}}", "sort"),
                Arguments.of(syncOrg, "{" + app + ",\"org\":{\"id\":\"root\",\"name\":\"Root\",\"parentId\":\"bad id!\"}}", "parentId"),
                Arguments.of(syncOrg, "{" + app + ",\"org\":{\"id\":\"root\",\"name\":\"Root\",\"parentId\":\"root\"}}", "parent"),
                Arguments.of(syncOrg, "{" + app + ",\"org\":{\"id\":\"root\",\"name\":\"Root\",\"parentId\":\"leaf\"}}", "root"),
                Arguments.of(syncOrg, "{" + app + ",\"org\":{\"id\":\"root\",\"name\":\"Root\",\"parentId\":\"missing\"}}", "missing"),
                Arguments.of("/app/client/app/addOrgUser", "{" + app + ",\"uid\":\"alice\"}", "orgid"),
                Arguments.of("/app/client/app/addOrgUser", "{" + app + ",\"orgid\":\"root\",\"uid\":5}", "uid"),
                Arguments.of("/app/client/app/removeOrgUser", "{" + app + ",\"orgid\":\"root\"}", "uid"),
                Arguments.of("/app/client/app/getOrgUserList", "{" + app + "}", "orgid"),
                Arguments.of("/app/client/app/user/auth", "{" + app + ",\"uid\":\"alice\"}", "token"),
                Arguments.of("/app/client/device/getMember", "{" + user + ",\"userName\":\"bob@qun\"}", "userName"),
                Arguments.of("/app/client/device/getMember", "{" + user + "}", "userName"),
                Arguments.of("/app/client/device/search", "{" + user + ",\"searchKey\":\"a\",\"limit\":0}", "limit"),
                Arguments.of("/app/client/device/search", "{" + user + ",\"searchKey\":\"a\",\"limit\":201}", "limit"),
                Arguments.of("/app/client/device/search", "{" + user + ",\"searchKey\":\"a\",\"offset\":-1}", "offset"),
                Arguments.of("/app/client/device/search", "{" + user + ",\"searchKey\":\"a\",\"searchType\":\"x\"}", "searchType"),
                Arguments.of("/app/client/device/addOrRemoveContact", "{" + user + ",\"uid\":\"bob\",\"starFriend\":2}", "starFriend"),
                Arguments.of("/app/client/device/addOrRemoveContact", "{" + user + ",\"starFriend\":1}", "uid"),
                Arguments.of("/app/client/device/validateToken", "{}", "validToken"),
                Arguments.of("/app/client/device/delToken", "{" + user + "}", "delToken"),
                Arguments.of("/app/client/device/getOrgUserList", "{" + user + ",\"orgid\":[\"root\"]}", "orgid"));
    }

    private List<JsonNode> seen() {
        return List.of(DirectoryContract.ok(dir.orgInfo(aliceToken)),
                DirectoryContract.ok(dir.orgUsersByApp(appToken, "root")),
                DirectoryContract.ok(dir.search(aliceToken, "", "user", 0, 50)),
                DirectoryContract.ok(dir.member(aliceToken, "bob")));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("malformed")
    void is_refused_with_a_clear_message_and_changes_nothing(String path, String body, String named) {
        List<JsonNode> before = seen();

        JsonNode answer = client.postRaw(path, body.replace("APPTOKEN", appToken).replace("USERTOKEN", aliceToken));

        assertThat(ret(answer)).as(answer.toString()).isEqualTo(65534);
        assertThat(answer.get("baseResponse").get("errMsg").asText()).as(answer.toString()).contains(named);
        assertThat(seen()).isEqualTo(before);
    }
}
