package org.appmsg.adapter.persistence.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.appmsg.application.port.out.FileStorage;

/**
 * The {@link FileStorage} port over HTTP with the JDK's client: one request per file to a configured URL, e.g.
 * a WeedFS master's {@code http://weed:9333/delete?fid={fid}}. 404 means the file is gone already; another
 * non-2xx status, a JSON body with a non-empty {@code "error"} (how WeedFS refuses), a timeout or a network
 * error is a failure; any other 2xx is a deletion. Thread-safe; {@link #close} stops the client.
 *
 * <p>Only {@code {fid}} is substituted (URL-encoded). The client-supplied {@code fileUrl} is never called:
 * it would let any client make the server send requests to an address of its choosing.
 */
public final class HttpFileStorage implements FileStorage, AutoCloseable {

    /** The most of a response body read for the error check. */
    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\s]+)");

    /**
     * @param urlTemplate an http(s) URL containing {@code {fid}}
     * @param method DELETE, GET or POST (any case)
     */
    public record Settings(String urlTemplate, String method, Duration connectTimeout, Duration requestTimeout) {

        public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
        private static final Set<String> METHODS = Set.of("DELETE", "GET", "POST");

        /** With the default timeouts: 5 s to connect, 10 s for the whole answer. */
        public Settings(String urlTemplate, String method) {
            this(urlTemplate, method, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
        }

        public Settings {
            Objects.requireNonNull(urlTemplate, "urlTemplate");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            method = method.strip().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("the delete method must be DELETE, GET or POST, not " + method);
            }
            if (!urlTemplate.contains("{fid}")) {
                throw new IllegalArgumentException("the delete URL must contain {fid}: " + urlTemplate);
            }
            try {
                URI uri = new URI(urlTemplate.replace("{fid}", "fid"));
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException("the delete URL must be an http(s) URL: " + urlTemplate);
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("the delete URL is malformed: " + e.getMessage(), e);
            }
        }
    }

    private final Settings settings;
    private final HttpClient client;

    public HttpFileStorage(Settings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Deletion delete(String fileId, String fileUrl) {
        String fid = URLEncoder.encode(fileId, StandardCharsets.UTF_8).replace("+", "%20");
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.urlTemplate().replace("{fid}", fid)))
                .timeout(settings.requestTimeout())
                .method(settings.method(), HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
            return judge(response.statusCode(), body);
        } catch (HttpTimeoutException e) {
            return new Deletion.Failed("no answer within the timeout (" + e.getMessage() + ")");
        } catch (IOException e) {
            return new Deletion.Failed("cannot reach the file store: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Deletion.Failed("interrupted");
        }
    }

    private static Deletion judge(int status, String body) {
        if (status == 404) {
            return new Deletion.Gone();
        }
        if (status < 200 || status > 299) {
            return new Deletion.Failed("HTTP " + status + excerpt(body));
        }
        Matcher error = ERROR.matcher(body);
        if (error.find() && !error.group(1).equals("\"\"") && !error.group(1).equals("null")) {
            return new Deletion.Failed("HTTP " + status + " with an error" + excerpt(body));
        }
        return new Deletion.Deleted();
    }

    private static String excerpt(String body) {
        String text = body.strip().replaceAll("\\p{Cntrl}", " ");
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    /** Aborts a request in flight (it ends as {@link Deletion.Failed}, so it is tried again later). */
    @Override
    public void close() {
        client.shutdownNow();
    }
}
