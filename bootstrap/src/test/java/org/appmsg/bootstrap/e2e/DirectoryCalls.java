package org.appmsg.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The directory routes (application and device side) as one call each, with the legacy field names. */
final class DirectoryCalls {

    private final Client client;

    DirectoryCalls(Client client) {
        this.client = client;
    }

    private static ObjectNode withToken(String token) {
        ObjectNode body = Client.obj();
        body.putObject("baseRequest").put("token", token);
        return body;
    }

    JsonNode syncTenant(String appToken, String id, String customer, String name) {
        ObjectNode body = withToken(appToken);
        body.putObject("tennat").put("id", id).put("code", id).put("name", name).put("customerId", customer)
                .put("status", 1);
        return client.post("/app/client/app/syncTenant", body);
    }

    JsonNode syncOrg(String appToken, String id, String parent, String tenant, String name, int sort) {
        ObjectNode body = withToken(appToken);
        body.putObject("org").put("id", id).put("name", name).put("shortName", "").put("parentId", parent)
                .put("tenantId", tenant).put("sort", sort);
        return client.post("/app/client/app/syncOrg", body);
    }

    JsonNode syncUser(String appToken, String uid, String login, String nick, String tenant, String org) {
        ObjectNode body = withToken(appToken);
        body.put("orgId", org);
        body.putObject("member").put("uid", uid).put("name", login).put("nickName", nick).put("password", "pw-" + uid)
                .put("tenantId", tenant).put("status", "1").put("pYQuanPin", nick.toLowerCase());
        return client.post("/app/client/app/syncUser", body);
    }

    JsonNode orgUser(String appToken, boolean add, String org, String uid) {
        ObjectNode body = withToken(appToken);
        body.put("orgid", org).put("uid", uid);
        return client.post(add ? "/app/client/app/addOrgUser" : "/app/client/app/removeOrgUser", body);
    }

    JsonNode orgUsersByApp(String appToken, String org) {
        return client.post("/app/client/app/getOrgUserList", withToken(appToken).put("orgid", org));
    }

    JsonNode orgUsersByUser(String userToken, String org) {
        return client.post("/app/client/device/getOrgUserList", withToken(userToken).put("orgid", org));
    }

    JsonNode orgList(String appToken, String uid) {
        return client.post("/app/client/app/getOrgList", withToken(appToken).put("uid", uid));
    }

    JsonNode userAuth(String appToken, String userToken, String uid) {
        return client.post("/app/client/app/user/auth", withToken(appToken).put("token", userToken).put("uid", uid));
    }

    JsonNode sessions(String appToken, String uid) {
        ObjectNode body = Client.obj();
        body.putObject("baseRequest").put("token", appToken).put("uid", uid);
        return client.post("/app/client/app/getSessions", body);
    }

    JsonNode orgInfo(String userToken) {
        return client.post("/app/client/device/getOrgInfo", withToken(userToken));
    }

    JsonNode member(String userToken, String uid) {
        return client.post("/app/client/device/getMember", withToken(userToken).put("userName", uid + "@user"));
    }

    JsonNode search(String userToken, String key, String type, int offset, int limit) {
        return client.post("/app/client/device/search", withToken(userToken).put("searchKey", key)
                .put("searchType", type).put("offset", offset).put("limit", limit));
    }

    JsonNode contact(String userToken, String uid, boolean star) {
        return client.post("/app/client/device/addOrRemoveContact",
                withToken(userToken).put("uid", uid).put("starFriend", star ? 1 : 0));
    }

    JsonNode validate(String token) {
        return client.post("/app/client/device/validateToken", Client.obj().put("validToken", token));
    }

    JsonNode deleteToken(String userToken, String revoked) {
        return client.post("/app/client/device/delToken", withToken(userToken).put("delToken", revoked));
    }

    JsonNode applications(String userToken) {
        return client.post("/app/client/device/getApplicationList", withToken(userToken));
    }
}
