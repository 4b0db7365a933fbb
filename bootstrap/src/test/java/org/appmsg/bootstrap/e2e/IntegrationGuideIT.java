package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs every shell command of {@code docs/integration.md}, in order, against a real server: the guide's
 * copy-pasteable requests are the ones that work. A small interpreter understands exactly what the guide
 * uses: {@code VAR=value}, {@code VAR=$(curl … | jq -r .field)}, and {@code curl -s -X M URL -H h -d body}
 * with sh quoting and {@code $VAR} expansion. Each curl must succeed ({@code ret} 0, or HTTP 200 on admin).
 */
class IntegrationGuideIT extends ServerFixture {

    private static final Path GUIDE = Path.of("..", "docs", "integration.md");
    private static final Pattern CAPTURE = Pattern.compile("^(\\w+)=\\$\\((curl .*) \\| jq -r \\.(\\w+)\\)$");
    private static final Pattern ASSIGN = Pattern.compile("^(\\w+)=\\S+$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, String> vars = new HashMap<>();

    @Override
    String databaseUrl() {
        return "";
    }

    @Test
    void every_command_of_the_integration_guide_works_as_written() throws Exception {
        vars.put("API", "http://127.0.0.1:" + server.httpPort());
        vars.put("ADMIN", "http://127.0.0.1:" + server.adminPort());
        vars.put("ADMIN_KEY", ADMIN_KEY);
        List<String> commands = commands(Files.readString(GUIDE));
        assertThat(commands).hasSizeGreaterThan(15);

        int curls = 0;
        for (String line : commands) {
            Matcher capture = CAPTURE.matcher(line);
            if (capture.matches()) {
                JsonNode answer = Client.parse(run(capture.group(2)).body());
                String value = answer.path(capture.group(3)).asText("");
                assertThat(value).as(line + " → " + answer).isNotEmpty();
                vars.put(capture.group(1), value);
                curls++;
            } else if (line.startsWith("curl ")) {
                HttpResponse<String> answer = run(line);
                assertThat(answer.statusCode()).as(line + " → " + answer.body()).isEqualTo(200);
                if (!line.contains("$ADMIN/")) {
                    assertThat(ret(Client.parse(answer.body()))).as(line + " → " + answer.body()).isZero();
                }
                curls++;
            } else {
                assertThat(ASSIGN.matcher(line).matches()).as("the interpreter does not know: " + line).isTrue();
            }
        }
        assertThat(curls).isGreaterThan(15);

        // what the guide says happened, seen by the signed-in user
        JsonNode tree = new DirectoryCalls(client).orgInfo(vars.get("USER_TOKEN"));
        JsonNode hq = tree.get("ognizationMemberList").get("memberList").get(0);
        assertThat(hq.get("uid").asText()).isEqualTo("hq");
        JsonNode sales = hq.get("memberList").get(1);
        assertThat(sales.get("uid").asText()).isEqualTo("sales");
        assertThat(sales.get("memberList").get(0).get("uid").asText()).as("web moved under sales").isEqualTo("web");
        assertThat(tree.get("ognizationMemberList").get("nickName").asText()).isEqualTo("ACME Shanghai Ltd.");
    }

    /** The logical lines of every ```sh block, continuation lines joined. */
    static List<String> commands(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inShell = false;
        StringBuilder pending = new StringBuilder();
        for (String raw : markdown.split("\n")) {
            if (raw.startsWith("```")) {
                inShell = !inShell && raw.trim().equals("```sh");
                continue;
            }
            if (!inShell || raw.isBlank()) {
                continue;
            }
            String line = raw.strip();
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            out.add(pending.toString().strip());
            pending.setLength(0);
        }
        return out;
    }

    private HttpResponse<String> run(String curl) throws IOException, InterruptedException {
        List<String> words = words(curl);
        assertThat(words.get(0)).isEqualTo("curl");
        String method = "GET";
        String url = null;
        String data = null;
        List<String> headers = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-s" -> { }
                case "-X" -> method = words.get(++i);
                case "-H" -> headers.add(words.get(++i));
                case "-d" -> data = words.get(++i);
                default -> {
                    assertThat(url).as("one URL in " + curl).isNull();
                    url = words.get(i);
                }
            }
        }
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, data == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(data))
                .header("Content-Type", "application/x-www-form-urlencoded"); // what curl -d sends
        for (String h : headers) {
            int colon = h.indexOf(':');
            request.header(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** sh word splitting: '…' literal, "…" and bare text with $VAR / ${VAR} expanded. */
    private List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                word.append(expand(line.substring(i + 1, end)));
                i = end;
            } else if (c == '$') {
                Matcher m = Pattern.compile("\\$(\\w+)").matcher(line).region(i, line.length());
                assertThat(m.lookingAt()).as("variable at " + i + " of " + line).isTrue();
                word.append(value(m.group(1)));
                i = m.end() - 1;
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private String expand(String text) {
        return Pattern.compile("\\$\\{?(\\w+)}?").matcher(text).replaceAll(m -> Matcher.quoteReplacement(value(m.group(1))));
    }

    private String value(String name) {
        assertThat(vars).as("the guide sets $" + name + " before using it").containsKey(name);
        return vars.get(name);
    }
}
