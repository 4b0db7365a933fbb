package org.appmsg.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A customer, tenant and application provisioned through the admin API, with {@code users} synced through
 * {@code syncUser} (uid = login name, password {@link #password}): the set-up of the fault tests.
 */
record LoadTenant(String appToken, List<String> users) {

    static LoadTenant provision(Client client, String adminKey, int userCount) {
        ok(client.adminPost("/admin/customers", adminKey, Client.obj().put("id", "lc").put("name", "Load")).statusCode());
        ok(client.adminPost("/admin/tenants", adminKey, Client.obj().put("id", "lt").put("code", "lt")
                .put("name", "Load").put("customerId", "lc")).statusCode());
        var created = client.adminPost("/admin/applications", adminKey,
                Client.obj().put("id", "lapp").put("name", "Load").put("tenantId", "lt"));
        ok(created.statusCode());
        String appToken = Client.parse(created.body()).get("token").asText();
        List<String> users = IntStream.range(0, userCount).mapToObj(i -> "load" + i).toList();
        for (String uid : users) {
            var body = Client.obj();
            body.putObject("baseRequest").put("token", appToken);
            body.putObject("member").put("uid", uid).put("name", uid).put("nickName", uid).put("password", password(uid));
            JsonNode r = client.post("/app/client/app/syncUser", body);
            if (r.get("baseResponse").get("ret").asInt() != 0) {
                throw new AssertionError("syncUser " + uid + ": " + r);
            }
        }
        return new LoadTenant(appToken, users);
    }

    static String password(String uid) {
        return "pw-" + uid;
    }

    private static void ok(int status) {
        if (status != 200) {
            throw new AssertionError("admin call answered " + status);
        }
    }
}
