package org.appmsg.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** What a client application does over HTTP, with nothing but the JDK's HTTP client and Jackson. */
final class Client {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String api;
    private final String admin;

    Client(int apiPort, int adminPort) {
        this.api = "http://127.0.0.1:" + apiPort;
        this.admin = "http://127.0.0.1:" + adminPort;
    }

    static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** POSTs a raw body to an app route and returns the parsed response. */
    JsonNode postRaw(String path, String body) {
        return parse(send(HttpRequest.newBuilder(URI.create(api + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/plain;charset=UTF-8")).body());
    }

    JsonNode post(String path, JsonNode body) {
        return postRaw(path, body.toString());
    }

    /** POSTs to an app route as a reverse proxy would, naming the client's address in X-Forwarded-For. */
    JsonNode postFrom(String forwardedFor, String path, JsonNode body) {
        return parse(send(HttpRequest.newBuilder(URI.create(api + path))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .header("X-Forwarded-For", forwardedFor)).body());
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(api + pathAndQuery)).GET());
    }

    JsonNode getJson(String path, Map<String, String> query) {
        String q = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return parse(get(path + "?" + q).body());
    }

    HttpResponse<String> adminPost(String path, String adminKey, JsonNode body) {
        var b = HttpRequest.newBuilder(URI.create(admin + path)).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json");
        if (adminKey != null) {
            b.header("Authorization", "Bearer " + adminKey);
        }
        return send(b);
    }

    /** POSTs {@code body} as sent to the admin listener, with the admin key unless {@code adminKey} is null. */
    HttpResponse<String> adminPostRaw(String pathAndQuery, String adminKey, String contentType, String body) {
        var b = HttpRequest.newBuilder(URI.create(admin + pathAndQuery)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (adminKey != null) {
            b.header("Authorization", "Bearer " + adminKey);
        }
        return send(b);
    }

    /** POSTs {@code body} to the API listener and returns the response as it came. */
    HttpResponse<String> postRawResponse(String pathAndQuery, String body) {
        return send(HttpRequest.newBuilder(URI.create(api + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body to the API listener, as a web page's form does. */
    HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(api + path)).POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"));
    }

    HttpResponse<String> adminPut(String path, String adminKey, String body) {
        var b = HttpRequest.newBuilder(URI.create(admin + path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (adminKey != null) {
            b.header("Authorization", "Bearer " + adminKey);
        }
        return send(b);
    }

    HttpResponse<String> adminGet(String path) {
        return send(HttpRequest.newBuilder(URI.create(admin + path)).GET());
    }

    /** GET on the admin listener with the admin key, or without any when {@code adminKey} is null. */
    HttpResponse<String> adminGet(String path, String adminKey) {
        var b = HttpRequest.newBuilder(URI.create(admin + path)).GET();
        if (adminKey != null) {
            b.header("Authorization", "Bearer " + adminKey);
        }
        return send(b);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
