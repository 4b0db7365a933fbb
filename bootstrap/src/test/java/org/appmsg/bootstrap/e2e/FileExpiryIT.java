package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * File links and their expiry (R20) on the embedded server, with a local HTTP server as the file store, files
 * expiring 3 s after their last use and a pass every second.
 */
class FileExpiryIT extends ServerFixture {

    private static final int EXPIRE_SECONDS = 3;

    private HttpServer store;
    /** The fid of every delete request the store got, in order. */
    private final List<String> deletes = new CopyOnWriteArrayList<>();

    @Override
    String databaseUrl() {
        return "";
    }

    @Override
    void moreSettings(Map<String, String> env) {
        try {
            store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        store.createContext("/delete", this::delete);
        store.start();
        env.put("APPMSG_FILE_DELETE_URL", "http://127.0.0.1:" + store.getAddress().getPort() + "/delete?fid={fid}");
        env.put("APPMSG_FILE_EXPIRE", Integer.toString(EXPIRE_SECONDS));
        env.put("APPMSG_FILE_EXPIRY_INTERVAL", "1");
    }

    @AfterAll
    void stopStore() {
        if (store != null) {
            store.stop(0);
        }
    }

    /** WeedFS-like: {"size":…} on success; a fid starting with "flaky" fails twice with 500 first. */
    private void delete(HttpExchange exchange) throws IOException {
        String fid = URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring("fid=".length()),
                StandardCharsets.UTF_8);
        deletes.add(fid);
        boolean fail = fid.startsWith("flaky") && deletes.stream().filter(fid::equals).count() <= 2;
        byte[] body = (fail ? "{\"error\":\"volume busy\"}" : "{\"size\":1234}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(fail ? 500 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void a_shared_file_is_deleted_once_and_only_after_the_last_senders_link_is_stale() throws Exception {
        String alice = login("alice-login", "alice-pw", "Android-a1");
        String bob = login("bob-login", "bob-pw", "iOS-b1");
        assertThat(ret(pushFile(alice, "alice@user", "bob@user", "3,shared"))).isZero();

        // bob forwards the file again and again: alice's link goes stale, bob's never does
        long until = System.nanoTime() + (EXPIRE_SECONDS + 2) * 1_000_000_000L;
        while (System.nanoTime() < until) {
            assertThat(ret(pushFile(bob, "bob@user", "alice@user", "3,shared"))).isZero();
            Thread.sleep(500);
        }
        assertThat(deletes).as("no deletion while one link is fresh").doesNotContain("3,shared");

        await(() -> deletes.contains("3,shared"), 15);
        Thread.sleep(2_500); // a few more passes
        assertThat(deletes.stream().filter("3,shared"::equals)).as("deleted exactly once").hasSize(1);
        assertThat(metric("appmsg_files_deleted_total")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_failed_deletion_is_retried_until_the_store_confirms_it() throws Exception {
        String alice = login("alice-login", "alice-pw", "Android-a2");
        assertThat(ret(pushFile(alice, "alice@user", "bob@user", "flaky,7"))).isZero();

        await(() -> deletes.stream().filter("flaky,7"::equals).count() == 3, 30);
        Thread.sleep(2_500);
        assertThat(deletes.stream().filter("flaky,7"::equals)).as("two failures, then one success").hasSize(3);
        assertThat(metric("appmsg_file_deletions_failed_total")).isEqualTo(2);
    }

    private JsonNode pushFile(String token, String from, String to, String fid) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", "Android-a1").put("deviceType", "Android")
                .put("token", token);
        var msg = body.putObject("msg").put("fromUserName", from).put("toUserName", to).put("content", "")
                .put("msgType", 2);
        msg.putObject("objectContent").putObject("responseUpload").put("fid", fid).put("fileName", "report.pdf")
                .put("fileUrl", "127.0.0.1:8080/" + fid).put("size", 2048);
        return client.post("/app/client/device/push", body);
    }

    private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("within %d s", seconds).isTrue();
    }

    private long metric(String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)").matcher(client.adminGet("/metrics").body());
        assertThat(m.find()).as(name).isTrue();
        return Long.parseLong(m.group(1));
    }
}
