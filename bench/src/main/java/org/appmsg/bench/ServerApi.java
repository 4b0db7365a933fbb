package org.appmsg.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few HTTP calls the load tools make to set up a run: provisioning, user sync, login, metrics. */
final class ServerApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String api;
    private final String admin;
    private final String adminKey;

    ServerApi(String api, String admin, String adminKey) {
        this.api = api;
        this.admin = admin;
        this.adminKey = adminKey;
    }

    /** Creates a customer, a tenant and an application named after {@code run}; returns the application token. */
    String provision(String run) throws IOException, InterruptedException {
        adminPost("/admin/customers", "{\"id\":\"" + run + "\",\"name\":\"bench\"}");
        adminPost("/admin/tenants", "{\"id\":\"" + run + "\",\"code\":\"b\",\"name\":\"bench\",\"customerId\":\"" + run + "\"}");
        return field(adminPost("/admin/applications", "{\"name\":\"bench\",\"tenantId\":\"" + run + "\"}"), "token");
    }

    /** Syncs user {@code id} (login name = id, password "pw") and logs it in; returns its token. */
    String userToken(String appToken, String id) throws IOException, InterruptedException {
        post("/app/client/app/syncUser", "{\"baseRequest\":{\"token\":\"" + appToken + "\"},\"member\":{\"uid\":\""
                + id + "\",\"name\":\"" + id + "\",\"nickName\":\"" + id + "\",\"password\":\"pw\"}}");
        return field(post("/app/client/device/login", "{\"baseRequest\":{\"deviceID\":\"Bench-" + id
                + "\",\"deviceType\":\"Android\"},\"userName\":\"" + id + "\",\"password\":\"pw\"}"), "token");
    }

    String metrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + admin + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String adminPost(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + admin + path))
                .header("Authorization", "Bearer " + adminKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private String post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + api + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (!r.body().contains("\"ret\":0")) {
            throw new IllegalStateException(path + " failed: " + r.body());
        }
        return r.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
