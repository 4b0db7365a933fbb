package org.appmsg.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A headless Chromium driven over the DevTools protocol (JSON over one WebSocket, flattened sessions):
 * no WebDriver and no dependency beyond the JDK and Jackson. Each {@link Tab} lives in its own browser
 * context, so tabs do not share cookies or storage: two tabs are two independent browser sessions. Without
 * {@code /usr/bin/chromium} the browser tests are skipped with the reason, except under {@code CI=true}.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of(System.getenv().getOrDefault("APPMSG_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts the browser, or skips the calling test when it is not installed (fails under CI=true). */
    static Chromium launch() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            String reason = BINARY + " is not installed (apt-get install chromium)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason + "; under CI=true the browser tests must run");
            }
            Assumptions.abort(reason + ": skipping the browser tests");
        }
        Path profile = Files.createTempDirectory("appmsg-chromium");
        Process process = new ProcessBuilder(BINARY.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--mute-audio", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        var address = new CompletableFuture<String>();
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
            address.completeExceptionally(new IOException("chromium exited before listening"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String url = address.get(30, TimeUnit.SECONDS);
        var browser = new Chromium[1];
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String message = text.toString();
                            text.setLength(0);
                            browser[0].dispatch(message);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        browser[0] = new Chromium(process, profile, ws);
        return browser[0];
    }

    private void dispatch(String message) {
        JsonNode node = Client.parse(message);
        if (node.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(node.get("id").asLong());
            if (f != null) {
                if (node.has("error")) {
                    f.completeExceptionally(new IllegalStateException("DevTools: " + node.get("error")));
                } else {
                    f.complete(node.get("result"));
                }
            }
        }
    }

    /** One DevTools command; {@code sessionId} null addresses the browser itself. */
    synchronized JsonNode call(String sessionId, String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        ObjectNode message = Client.obj().put("id", id).put("method", method);
        message.set("params", params == null ? Client.obj() : params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        var result = new CompletableFuture<JsonNode>();
        pending.put(id, result);
        socket.sendText(message.toString(), true).join();
        try {
            return result.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            pending.remove(id);
            throw new IllegalStateException(method + " failed", e);
        }
    }

    /** A new tab in a fresh browser context (its own storage), 1280×800. */
    Tab newTab() {
        String context = call(null, "Target.createBrowserContext", null).get("browserContextId").asText();
        String target = call(null, "Target.createTarget", Client.obj().put("url", "about:blank")
                .put("browserContextId", context)).get("targetId").asText();
        String session = call(null, "Target.attachToTarget", Client.obj().put("targetId", target)
                .put("flatten", true)).get("sessionId").asText();
        var tab = new Tab(this, session);
        tab.call("Page.enable", null);
        tab.call("Runtime.enable", null);
        tab.call("Emulation.setDeviceMetricsOverride", Client.obj().put("width", 1280).put("height", 800)
                .put("deviceScaleFactor", 1).put("mobile", false));
        // Counts the WebSocket connections the page opens, to prove there is no reconnect loop.
        tab.call("Page.addScriptToEvaluateOnNewDocument", Client.obj().put("source", """
                (() => {
                  const Native = window.WebSocket;
                  const count = () => Number(sessionStorage.getItem('test.wsOpened') || 0);
                  window.WebSocket = function (url, protocols) {
                    sessionStorage.setItem('test.wsOpened', String(count() + 1));
                    return new Native(url, protocols);
                  };
                  window.WebSocket.prototype = Native.prototype;
                  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
                })();"""));
        return tab;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException e) {
            // the browser is killed below anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory; leaving it is harmless
        }
    }

    /** One page: navigate, run JavaScript in it, wait for a condition, take a screenshot. */
    static final class Tab {
        private final Chromium browser;
        private final String session;

        Tab(Chromium browser, String session) {
            this.browser = browser;
            this.session = session;
        }

        JsonNode call(String method, ObjectNode params) {
            return browser.call(session, method, params);
        }

        void open(String url) {
            call("Page.navigate", Client.obj().put("url", url));
            waitUntil("document.readyState === 'complete'", Duration.ofSeconds(10));
        }

        void reload() {
            call("Page.reload", Client.obj());
            waitUntil("document.readyState === 'complete'", Duration.ofSeconds(10));
        }

        /** The value of a JavaScript expression (awaited when it is a promise), as JSON. */
        JsonNode eval(String expression) {
            JsonNode r = call("Runtime.evaluate", Client.obj().put("expression", expression)
                    .put("awaitPromise", true).put("returnByValue", true));
            if (r.has("exceptionDetails")) {
                throw new IllegalStateException("page threw: " + r.get("exceptionDetails"));
            }
            return r.get("result").path("value");
        }

        String text(String expression) {
            return eval(expression).asText();
        }

        /** Polls a JavaScript condition until it is true; fails with the page's state otherwise. */
        void waitUntil(String condition, Duration timeout) {
            waitUntil(() -> {
                try {
                    return eval("Boolean(" + condition + ")").asBoolean();
                } catch (IllegalStateException e) {
                    return false; // navigating: the context is being replaced
                }
            }, timeout, condition);
        }

        void waitUntil(BooleanSupplier condition, Duration timeout, String what) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; page: "
                            + eval("document.body ? document.body.innerText.slice(0, 2000) : ''").asText());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }

        /** Sets an input's value as typing would (an input event follows). */
        void type(String id, String value) {
            eval("(() => { const e = document.getElementById(" + Client.JSON.valueToTree(id) + "); e.value = "
                    + Client.JSON.valueToTree(value) + "; e.dispatchEvent(new Event('input', {bubbles: true})); })()");
        }

        void click(String selector) {
            eval("document.querySelector(" + Client.JSON.valueToTree(selector) + ").click()");
        }

        void screenshot(Path file) throws IOException {
            String png = call("Page.captureScreenshot", Client.obj().put("format", "png")).get("data").asText();
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(png));
        }
    }
}
