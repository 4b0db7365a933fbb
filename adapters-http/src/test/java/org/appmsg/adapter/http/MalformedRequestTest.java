package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed request gets 65534 (or 405) with an errMsg naming the problem, and reaches no use case. */
class MalformedRequestTest extends RoutesTest {

    private static final String PUSH = "/app/client/device/push";
    private static final String LOGIN = "/app/client/device/login";
    private static final String SYNC = "/app/client/app/syncUser";
    private static final String BASE = "\"baseRequest\":{\"uid\":\"42\",\"deviceID\":\"Android-1\",\"deviceType\":\"Android\",\"token\":\"tok\"}";
    private static final String MSG_FIELDS = "\"fromUserName\":\"42@user\",\"toUserName\":\"43@user\",\"content\":\"hi\",\"msgType\":1";
    private static final String MEMBER_FIELDS = "\"uid\":\"7\",\"name\":\"bob\"";

    private static final String APP = "/app/client/app/";
    private static final String DEVICE = "/app/client/device/";
    private static final String APP_BASE = "\"baseRequest\":{\"token\":\"app-tok\"}";
    private static final String TENANT_FIELDS = "\"id\":\"t2\",\"name\":\"North\",\"customerId\":\"c1\"";
    private static final String ADMIN_BEARER = "Bearer " + TestServer.ADMIN_KEY;

    /** A push whose msg object has the valid fields plus (or overridden by) {@code extra}. */
    private static String push(String extra) {
        return "{" + BASE + ",\"msg\":{" + MSG_FIELDS + extra + "}}";
    }

    private static String pushMsg(String msgFields) {
        return "{" + BASE + ",\"msg\":{" + msgFields + "}}";
    }

    private static String sync(String memberFields) {
        return "{\"baseRequest\":{\"token\":\"app-tok\"},\"orgId\":\"\",\"member\":{" + memberFields + "}}";
    }

    private static String app(String fields) {
        return "{" + APP_BASE + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static String device(String fields) {
        return "{" + BASE + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static String org(String orgFields) {
        return app("\"org\":{" + orgFields + "}");
    }

    static Stream<Arguments> cases() {
        return Stream.of(legacyCases(), directoryCases(), qunCases()).flatMap(c -> c);
    }

    /** A group route's body: {@code ChatRoomName} q1@qun and {@code fields}. */
    private static String qun(String fields) {
        return device("\"ChatRoomName\":\"q1@qun\"" + (fields.isEmpty() ? "" : "," + fields));
    }

    static Stream<Arguments> qunCases() {
        String role = DEVICE + "setQunMemberRole";
        String invite = DEVICE + "setQunInvite";
        String bob = "\"userName\":\"43@user\"";
        return Stream.of(
                arguments("setQunMemberRole role missing", "POST", role, qun(bob), 200, "role is required"),
                arguments("setQunMemberRole role unknown", "POST", role, qun(bob + ",\"role\":\"boss\""), 200, "role must be \"owner\", \"admin\" or \"member\""),
                arguments("setQunMemberRole role in capitals", "POST", role, qun(bob + ",\"role\":\"Admin\""), 200, "role must be \"owner\", \"admin\" or \"member\""),
                arguments("setQunMemberRole role a code", "POST", role, qun(bob + ",\"role\":1"), 200, "role must be a string"),
                arguments("setQunMemberRole userName missing", "POST", role, qun("\"role\":\"admin\""), 200, "userName is required"),
                arguments("setQunMemberRole userName a group", "POST", role, qun("\"userName\":\"q2@qun\",\"role\":\"admin\""), 200, "userName must name a user like \"42@user\""),
                arguments("setQunMemberRole userName without @", "POST", role, qun("\"userName\":\"43\",\"role\":\"admin\""), 200, "userName: \"43\" is not a name"),
                arguments("setQunMemberRole ChatRoomName missing", "POST", role, device(bob + ",\"role\":\"admin\""), 200, "ChatRoomName is required"),
                arguments("setQunMemberRole ChatRoomName a user", "POST", role, device("\"ChatRoomName\":\"42@user\"," + bob + ",\"role\":\"admin\""), 200, "ChatRoomName must name a group like \"123@qun\""),
                arguments("setQunMemberRole token missing", "POST", role, "{\"ChatRoomName\":\"q1@qun\"," + bob + ",\"role\":\"admin\"}", 200, "baseRequest is required"),
                arguments("setQunInvite ownerOnlyInvite missing", "POST", invite, qun(""), 200, "ownerOnlyInvite is required"),
                arguments("setQunInvite ownerOnlyInvite null", "POST", invite, qun("\"ownerOnlyInvite\":null"), 200, "ownerOnlyInvite is required"),
                arguments("setQunInvite ownerOnlyInvite a string", "POST", invite, qun("\"ownerOnlyInvite\":\"true\""), 200, "ownerOnlyInvite must be true or false"),
                arguments("setQunInvite ownerOnlyInvite a number", "POST", invite, qun("\"ownerOnlyInvite\":1"), 200, "ownerOnlyInvite must be true or false"),
                arguments("setQunInvite ChatRoomName malformed", "POST", invite, device("\"ChatRoomName\":\"q1\",\"ownerOnlyInvite\":true"), 200, "ChatRoomName: \"q1\" is not a name"),
                arguments("setQunInvite token blank", "POST", invite, "{\"baseRequest\":{\"token\":\" \"},\"ChatRoomName\":\"q1@qun\",\"ownerOnlyInvite\":true}", 200, "baseRequest.token: token is required"),
                arguments("create-qun ownerOnlyInvite a string", "POST", DEVICE + "create-qun", device("\"topic\":\"Team\",\"memberList\":[],\"ownerOnlyInvite\":\"yes\""), 200, "ownerOnlyInvite must be true or false"),
                arguments("setQunInvite on GET", "GET", invite, null, 405, null));
    }

    static Stream<Arguments> directoryCases() {
        String longName = "n".repeat(129);
        return Stream.of(
                arguments("syncTenant with neither tennat nor tenant", "POST", APP + "syncTenant", app(""), 200, "tennat is required (or its correct spelling tenant)"),
                arguments("syncTenant with both tennat and tenant", "POST", APP + "syncTenant", app("\"tennat\":{" + TENANT_FIELDS + "},\"tenant\":{" + TENANT_FIELDS + "}"), 200, "send one of them, not both"),
                arguments("syncTenant tennat an array", "POST", APP + "syncTenant", app("\"tennat\":[]"), 200, "tennat must be an object"),
                arguments("syncTenant id malformed", "POST", APP + "syncTenant", app("\"tennat\":{\"id\":\"t_2\",\"name\":\"N\",\"customerId\":\"c1\"}"), 200, "tennat.id: tenant id must be"),
                arguments("syncTenant customerId missing", "POST", APP + "syncTenant", app("\"tenant\":{\"id\":\"t2\",\"name\":\"N\"}"), 200, "tenant.customerId is required"),
                arguments("syncTenant name too long", "POST", APP + "syncTenant", app("\"tennat\":{\"id\":\"t2\",\"name\":\"" + longName + "\",\"customerId\":\"c1\"}"), 200, "tennat.name is longer than 128 characters"),
                arguments("syncTenant code too long", "POST", APP + "syncTenant", app("\"tennat\":{" + TENANT_FIELDS + ",\"code\":\"" + "c".repeat(65) + "\"}"), 200, "tennat.code is longer than 64 characters"),
                arguments("syncTenant status a non-numeric string", "POST", APP + "syncTenant", app("\"tennat\":{" + TENANT_FIELDS + ",\"status\":\"on\"}"), 200, "tennat.status must be a number"),
                arguments("syncTenant token missing", "POST", APP + "syncTenant", "{\"baseRequest\":{},\"tennat\":{" + TENANT_FIELDS + "}}", 200, "baseRequest.token is required"),
                arguments("syncOrg org missing", "POST", APP + "syncOrg", app(""), 200, "org is required"),
                arguments("syncOrg id missing", "POST", APP + "syncOrg", org("\"name\":\"Sales\""), 200, "org.id is required"),
                arguments("syncOrg parentId malformed", "POST", APP + "syncOrg", org("\"id\":\"o2\",\"name\":\"S\",\"parentId\":\"o@1\""), 200, "org.parentId: org id must be"),
                arguments("syncOrg parentId a number", "POST", APP + "syncOrg", org("\"id\":\"o2\",\"name\":\"S\",\"parentId\":1"), 200, "org.parentId must be a string"),
                arguments("syncOrg tenantId malformed", "POST", APP + "syncOrg", org("\"id\":\"o2\",\"name\":\"S\",\"tenantId\":\"t 1\""), 200, "org.tenantId: tenant id must be"),
                arguments("syncOrg name too long", "POST", APP + "syncOrg", org("\"id\":\"o2\",\"name\":\"" + longName + "\""), 200, "org.name is longer than 128 characters"),
                arguments("syncOrg name blank", "POST", APP + "syncOrg", org("\"id\":\"o2\",\"name\":\" \""), 200, "org.name must not be empty"),
                arguments("syncOrg sort not an integer", "POST", APP + "syncOrg", org("\"id\":\"o2\",\"name\":\"S\",\"sort\":1.5"), 200, "org.sort must be an integer"),
                arguments("syncOrg sort a non-numeric string", "POST", APP + "syncOrg", org("\"id\":\"o2\",\"name\":\"S\",\"sort\":\"1st\""), 200, "org.sort must be a number"),
                arguments("addOrgUser orgid missing", "POST", APP + "addOrgUser", app("\"uid\":\"42\""), 200, "orgid is required"),
                arguments("addOrgUser uid a number", "POST", APP + "addOrgUser", app("\"orgid\":\"o1\",\"uid\":42"), 200, "uid must be a string"),
                arguments("addOrgUser sort out of range", "POST", APP + "addOrgUser", app("\"orgid\":\"o1\",\"uid\":\"42\",\"sort\":4294967296"), 200, "sort is out of range"),
                arguments("removeOrgUser orgid malformed", "POST", APP + "removeOrgUser", app("\"orgid\":\"o_1\",\"uid\":\"42\""), 200, "orgid: org id must be"),
                arguments("removeOrgUser uid missing", "POST", APP + "removeOrgUser", app("\"orgid\":\"o1\""), 200, "uid is required"),
                arguments("app getOrgUserList orgid missing", "POST", APP + "getOrgUserList", app(""), 200, "orgid is required"),
                arguments("device getOrgUserList orgid a number", "POST", DEVICE + "getOrgUserList", device("\"orgid\":1"), 200, "orgid must be a string"),
                arguments("device getOrgUserList token missing", "POST", DEVICE + "getOrgUserList", "{\"orgid\":\"o1\"}", 200, "baseRequest is required"),
                arguments("getOrgList uid missing", "POST", APP + "getOrgList", app(""), 200, "uid is required"),
                arguments("getOrgList uid malformed", "POST", APP + "getOrgList", app("\"uid\":\"42@user\""), 200, "uid: user id must be"),
                arguments("user/auth user token missing", "POST", APP + "user/auth", app("\"uid\":\"42\""), 200, "token is required"),
                arguments("user/auth user token a number", "POST", APP + "user/auth", app("\"token\":5,\"uid\":\"42\""), 200, "token must be a string"),
                arguments("user/auth uid malformed", "POST", APP + "user/auth", app("\"token\":\"u\",\"uid\":\"4 2\""), 200, "uid: user id must be"),
                arguments("getOrgInfo without baseRequest", "POST", DEVICE + "getOrgInfo", "{}", 200, "baseRequest is required"),
                arguments("getOrgInfo token blank", "POST", DEVICE + "getOrgInfo", "{\"baseRequest\":{\"token\":\" \"}}", 200, "baseRequest.token: token is required"),
                arguments("getMember userName not @user", "POST", DEVICE + "getMember", device("\"userName\":\"o1@org\""), 200, "userName must name a user, like 42@user"),
                arguments("getMember userName without @", "POST", DEVICE + "getMember", device("\"userName\":\"42\""), 200, "userName: \"42\" is not a name"),
                arguments("getMember userName missing", "POST", DEVICE + "getMember", device(""), 200, "userName is required"),
                arguments("search limit 0", "POST", DEVICE + "search", device("\"searchKey\":\"a\",\"limit\":0"), 200, "limit must be between 1 and 200"),
                arguments("search limit 201", "POST", DEVICE + "search", device("\"searchKey\":\"a\",\"limit\":201"), 200, "limit must be between 1 and 200"),
                arguments("search limit a non-numeric string", "POST", DEVICE + "search", device("\"searchKey\":\"a\",\"limit\":\"20 \""), 200, "limit must be a number"),
                arguments("search offset negative", "POST", DEVICE + "search", device("\"searchKey\":\"a\",\"offset\":-1"), 200, "offset must be 0 or more"),
                arguments("search searchType x", "POST", DEVICE + "search", device("\"searchKey\":\"a\",\"searchType\":\"x\""), 200, "searchType must be \"user\" or \"app\""),
                arguments("search searchKey missing", "POST", DEVICE + "search", device(""), 200, "searchKey is required"),
                arguments("search searchKey too long", "POST", DEVICE + "search", device("\"searchKey\":\"" + "k".repeat(129) + "\""), 200, "searchKey is longer than 128 characters"),
                arguments("addOrRemoveContact starFriend 2", "POST", DEVICE + "addOrRemoveContact", device("\"uid\":\"43\",\"starFriend\":2"), 200, "starFriend must be 1 (add) or 0 (remove)"),
                arguments("addOrRemoveContact starFriend a boolean", "POST", DEVICE + "addOrRemoveContact", device("\"uid\":\"43\",\"starFriend\":true"), 200, "starFriend must be a number"),
                arguments("addOrRemoveContact starFriend missing", "POST", DEVICE + "addOrRemoveContact", device("\"uid\":\"43\""), 200, "starFriend is required"),
                arguments("addOrRemoveContact uid malformed", "POST", DEVICE + "addOrRemoveContact", device("\"uid\":\"43@user\",\"starFriend\":1"), 200, "uid: user id must be"),
                arguments("validateToken validToken missing", "POST", DEVICE + "validateToken", device(""), 200, "validToken is required"),
                arguments("validateToken validToken empty", "POST", DEVICE + "validateToken", "{\"validToken\":\"\"}", 200, "validToken: token is required"),
                arguments("delToken delToken missing", "POST", DEVICE + "delToken", device(""), 200, "delToken is required"),
                arguments("delToken delToken a number", "POST", DEVICE + "delToken", device("\"delToken\":1"), 200, "delToken must be a string"),
                arguments("getApplicationList token missing", "POST", DEVICE + "getApplicationList", "{\"baseRequest\":{\"uid\":\"42\"}}", 200, "baseRequest.token is required"),
                arguments("getApplicationList bad JSON", "POST", DEVICE + "getApplicationList", "{\"baseRequest\":", 200, "not valid JSON"),
                arguments("syncTenant on GET", "GET", APP + "syncTenant", null, 405, null),
                arguments("search on GET", "GET", DEVICE + "search", null, 405, null));
    }

    static Stream<Arguments> legacyCases() {
        String big = "x".repeat(HttpAdapter.Settings.DEFAULT_MAX_BODY_BYTES + 1);
        return Stream.of(
                arguments("bad JSON", "POST", PUSH, "{\"baseRequest\":", 200, "not valid JSON"),
                arguments("empty body", "POST", PUSH, "", 200, "must be a JSON object"),
                arguments("JSON array body", "POST", PUSH, "[" + push("") + "]", 200, "must be a JSON object"),
                arguments("trailing garbage", "POST", PUSH, push("") + " {}", 200, "not valid JSON"),
                arguments("duplicate key", "POST", PUSH, push(",\"content\":\"again\""), 200, "Duplicate field"),
                arguments("missing baseRequest", "POST", PUSH, "{\"msg\":{" + MSG_FIELDS + "}}", 200, "baseRequest is required"),
                arguments("baseRequest not an object", "POST", PUSH, "{\"baseRequest\":\"tok\",\"msg\":{}}", 200, "baseRequest must be an object"),
                arguments("token not a string", "POST", PUSH, "{\"baseRequest\":{\"token\":123},\"msg\":{" + MSG_FIELDS + "}}", 200, "baseRequest.token must be a string"),
                arguments("token missing", "POST", PUSH, "{\"baseRequest\":{\"uid\":\"42\"},\"msg\":{" + MSG_FIELDS + "}}", 200, "baseRequest.token is required"),
                arguments("token blank", "POST", PUSH, "{\"baseRequest\":{\"token\":\"  \"},\"msg\":{" + MSG_FIELDS + "}}", 200, "baseRequest.token: token is required"),
                arguments("msg missing", "POST", PUSH, "{" + BASE + "}", 200, "msg is required"),
                arguments("msg null", "POST", PUSH, "{" + BASE + ",\"msg\":null}", 200, "msg is required"),
                arguments("msgType a non-numeric string", "POST", PUSH, pushMsg("\"fromUserName\":\"42@user\",\"toUserName\":\"43@user\",\"content\":\"hi\",\"msgType\":\"0x1\""), 200, "msg.msgType must be a number"),
                arguments("msgType fractional", "POST", PUSH, pushMsg("\"fromUserName\":\"42@user\",\"toUserName\":\"43@user\",\"content\":\"hi\",\"msgType\":1.5"), 200, "msg.msgType must be an integer"),
                arguments("msgType missing", "POST", PUSH, pushMsg("\"fromUserName\":\"42@user\",\"toUserName\":\"43@user\",\"content\":\"hi\""), 200, "msg.msgType is required"),
                arguments("content a number", "POST", PUSH, pushMsg("\"fromUserName\":\"42@user\",\"toUserName\":\"43@user\",\"content\":5,\"msgType\":1"), 200, "msg.content must be a string"),
                arguments("toUserName missing", "POST", PUSH, pushMsg("\"fromUserName\":\"42@user\",\"content\":\"hi\",\"msgType\":1"), 200, "msg.toUserName is required"),
                arguments("unknown suffix", "POST", PUSH, pushMsg("\"fromUserName\":\"42@user\",\"toUserName\":\"43@group\",\"content\":\"hi\",\"msgType\":1"), 200, "msg.toUserName: \"43@group\" has an unknown suffix"),
                arguments("fromUserName without @", "POST", PUSH, pushMsg("\"fromUserName\":\"42\",\"toUserName\":\"43@user\",\"content\":\"hi\",\"msgType\":1"), 200, "msg.fromUserName: \"42\" is not a name"),
                arguments("expire negative", "POST", PUSH, push(",\"expire\":-1"), 200, "msg.expire must be a non-negative integer"),
                arguments("expire a non-numeric string", "POST", PUSH, push(",\"expire\":\"60s\""), 200, "msg.expire must be a number"),
                arguments("objectContent a string", "POST", PUSH, push(",\"objectContent\":\"{}\""), 200, "msg.objectContent must be an object"),
                arguments("customFilelds an array", "POST", PUSH, push(",\"customFilelds\":[]"), 200, "msg.customFilelds must be an object"),
                arguments("clientMsgId an object", "POST", PUSH, push(",\"clientMsgId\":{}"), 200, "msg.clientMsgId must be a string or a number"),
                arguments("clientMsgId too long", "POST", PUSH, push(",\"clientMsgId\":\"" + "c".repeat(200) + "\""), 200, "clientMsgId is longer than"),
                arguments("sessions not an array", "POST", PUSH, "{" + BASE + ",\"sessions\":\"all\",\"msg\":{" + MSG_FIELDS + "}}", 200, "sessions must be an array of strings"),
                arguments("sessions with a number", "POST", PUSH, "{" + BASE + ",\"sessions\":[\"all\",1],\"msg\":{" + MSG_FIELDS + "}}", 200, "sessions[1] must be a string"),
                arguments("sessions with a word that is no session id", "POST", PUSH, "{" + BASE + ",\"sessions\":[\"everyone\"],\"msg\":{" + MSG_FIELDS + "}}", 200, "not a session id"),
                arguments("setSessionState without sessionId", "POST", "/app/client/device/setSessionState", "{" + BASE + ",\"state\":\"active\"}", 200, "sessionId is required"),
                arguments("setSessionState with a malformed sessionId", "POST", "/app/client/device/setSessionState", "{" + BASE + ",\"sessionId\":\"nouser\",\"state\":\"active\"}", 200, "not a session id"),
                arguments("setSessionState with an unknown state", "POST", "/app/client/app/setSessionState", "{" + BASE + ",\"sessionId\":\"42_iOS-1\",\"state\":\"sleeping\"}", 200, "state must be"),
                arguments("setSessionState with state init", "POST", "/app/client/app/setSessionState", "{" + BASE + ",\"sessionId\":\"42_iOS-1\",\"state\":\"init\"}", 200, "state must be"),
                arguments("getSessions without uid", "POST", "/app/client/app/getSessions", "{\"baseRequest\":{\"token\":\"app\"}}", 200, "uid is required"),
                arguments("getSessions on GET", "GET", "/app/client/app/getSessions", null, 405, null),
                arguments("oversized body", "POST", PUSH, "{\"pad\":\"" + big + "\"}", 200, "request body is larger than 1048576 bytes"),
                arguments("oversized content", "POST", PUSH, pushMsg("\"fromUserName\":\"42@user\",\"toUserName\":\"43@user\",\"content\":\"" + "c".repeat(65_537) + "\",\"msgType\":1"), 200, "msg.content is longer than 65536 characters"),
                arguments("login userName missing", "POST", LOGIN, "{" + BASE + ",\"password\":\"pw\"}", 200, "userName is required"),
                arguments("login password a number", "POST", LOGIN, "{" + BASE + ",\"userName\":\"alice\",\"password\":123}", 200, "password must be a string"),
                arguments("login deviceID a number", "POST", LOGIN, "{\"baseRequest\":{\"deviceID\":5},\"userName\":\"alice\",\"password\":\"pw\"}", 200, "baseRequest.deviceID must be a string"),
                arguments("login apnsToken a number", "POST", LOGIN, "{\"userName\":\"alice\",\"password\":\"pw\",\"apnsToken\":1}", 200, "apnsToken must be a string"),
                arguments("sync member missing", "POST", SYNC, "{\"baseRequest\":{\"token\":\"app-tok\"}}", 200, "member is required"),
                arguments("sync uid missing", "POST", SYNC, sync("\"name\":\"bob\""), 200, "member.uid is required"),
                arguments("sync uid malformed", "POST", SYNC, sync("\"uid\":\"a_b\",\"name\":\"bob\""), 200, "member.uid: user id must be"),
                arguments("sync name a number", "POST", SYNC, sync("\"uid\":\"7\",\"name\":7"), 200, "member.name must be a string"),
                arguments("sync name with @", "POST", SYNC, sync("\"uid\":\"7\",\"name\":\"bob@x\""), 200, "member.name must not contain '@'"),
                arguments("sync orgId malformed", "POST", SYNC,
                        "{\"baseRequest\":{\"token\":\"app-tok\"},\"orgId\":\"a b\",\"member\":{\"uid\":\"7\",\"name\":\"bob\"}}",
                        200, "orgId: org id must be"),
                arguments("sync status a boolean", "POST", SYNC, sync(MEMBER_FIELDS + ",\"status\":true"), 200, "member.status must be a string or a number"),
                arguments("sync email a number", "POST", SYNC, sync(MEMBER_FIELDS + ",\"email\":1"), 200, "member.email must be a string"),
                arguments("sync orgId a number", "POST", SYNC, "{\"baseRequest\":{\"token\":\"t\"},\"orgId\":3,\"member\":{" + MEMBER_FIELDS + "}}", 200, "orgId must be a string"),
                arguments("sync token missing", "POST", SYNC, "{\"baseRequest\":{},\"member\":{" + MEMBER_FIELDS + "}}", 200, "baseRequest.token is required"),
                arguments("m negative", "GET", "/1/msg/get?k=42@user&m=-1&token=t", null, 200, "m must not be negative"),
                arguments("m not a number", "GET", "/1/msg/get?k=42@user&m=abc&token=t", null, 200, "m must be an integer"),
                arguments("limit 0", "GET", "/1/msg/get?k=42@user&limit=0&token=t", null, 200, "limit must be between 1 and 1000"),
                arguments("limit 1001", "GET", "/1/msg/get?k=42@user&limit=1001&token=t", null, 200, "limit must be between 1 and 1000"),
                arguments("bad cb", "GET", "/1/msg/get?k=42@user&token=t&cb=alert(1)", null, 200, "cb must match"),
                arguments("missing k", "GET", "/1/msg/get?token=t", null, 200, "k is required"),
                arguments("k not a user key", "GET", "/1/msg/get?k=9@qun&token=t", null, 200, "k: key \"9@qun\" must be"),
                arguments("missing token", "GET", "/1/msg/get?k=42@user", null, 200, "token is required"),
                arguments("server missing k", "GET", "/1/server/get?p=1", null, 200, "k is required"),
                arguments("server missing p", "GET", "/1/server/get?k=42@user", null, 200, "p is required"),
                arguments("server p 3", "GET", "/1/server/get?k=42@user&p=3", null, 200, "p must be 1 (WebSocket) or 2 (TCP)"),
                arguments("time bad cb", "GET", "/1/time/get?cb=1x", null, 200, "cb must match"),
                arguments("GET on a POST route", "GET", PUSH, null, 405, null),
                arguments("PUT on syncUser", "PUT", SYNC, null, 405, null),
                arguments("POST on a GET route", "POST", "/1/msg/get?k=42@user&token=t", "", 405, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void is_refused_without_calling_a_use_case(String name, String method, String path, String body, int status,
            String problem) {
        var response = switch (method) {
            case "POST" -> server.post(path, body);
            case "GET" -> server.get(path);
            default -> server.method(method, path);
        };

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        if (problem != null) {
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.ret()).isEqualTo(65534);
            assertThat(response.errMsg()).contains(problem);
        }
        assertThat(server.calls).isEmpty();
    }

    static Stream<Arguments> adminCases() {
        return Stream.of(
                arguments("create application with scope galaxy", "POST", "/admin/applications", "{\"name\":\"CRM\",\"tenantId\":\"t1\",\"scope\":\"galaxy\"}", "scope must be \"tenant\" or \"customer\""),
                arguments("create application with a numeric scope", "POST", "/admin/applications", "{\"name\":\"CRM\",\"tenantId\":\"t1\",\"scope\":1}", "scope must be a string"),
                arguments("create application without tenantId", "POST", "/admin/applications", "{\"name\":\"CRM\",\"scope\":\"tenant\"}", "tenantId is required"),
                arguments("list tenants of a malformed customer", "GET", "/admin/tenants?customerId=c_1", null, "customerId: customer id must be"),
                arguments("list applications of a malformed tenant", "GET", "/admin/applications?tenantId=t_1", null, "tenantId: tenant id must be"),
                arguments("disable a malformed application id", "POST", "/admin/applications/a_1/disable", null, "id: application id must be"),
                arguments("enable a malformed application id", "POST", "/admin/applications/a_1/enable", null, "id: application id must be"),
                arguments("rotate the token of a malformed application id", "POST", "/admin/applications/a_1/rotate-token", null, "id: application id must be"),
                arguments("permissions of a malformed user id", "GET", "/admin/users/u_1/permissions", null, "userId: user id must be"),
                arguments("grant to a malformed user id", "PUT", "/admin/users/u_1/permissions", "{\"broadcast\":true}", "userId: user id must be"),
                arguments("grant without broadcast", "PUT", "/admin/users/u1/permissions", "{}", "broadcast is required"),
                arguments("grant with broadcast null", "PUT", "/admin/users/u1/permissions", "{\"broadcast\":null}", "broadcast is required"),
                arguments("grant with broadcast as a string", "PUT", "/admin/users/u1/permissions", "{\"broadcast\":\"true\"}", "broadcast must be true or false"),
                arguments("grant with broadcast as a number", "PUT", "/admin/users/u1/permissions", "{\"broadcast\":1}", "broadcast must be true or false"),
                arguments("grant with no body", "PUT", "/admin/users/u1/permissions", null, "request body must be a JSON object"),
                arguments("grant with a body that is not JSON", "PUT", "/admin/users/u1/permissions", "broadcast=true", "request body is not valid JSON"),
                arguments("grant with an array body", "PUT", "/admin/users/u1/permissions", "[true]", "request body must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminCases")
    void admin_bad_input_is_400_without_calling_provision(String name, String method, String path, String body,
            String problem) {
        var response = server.admin(method, path, ADMIN_BEARER, body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).contains(problem);
        assertThat(server.calls).isEmpty();
    }
}
