package org.appmsg.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The container files at the repository's root, checked without a container engine (none runs on the build
 * machines): the Dockerfile unpacks the archive this build makes and probes {@code /ready} on the admin port, and
 * every node of docker-compose.yml has a configuration the server accepts.
 */
class ContainerFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern SETTING = Pattern.compile("^\\s+(APPMSG_[A-Z_]+): \"(.*)\"$");
    private static final Pattern SERVICE = Pattern.compile("^  ([a-z0-9]+):$");

    @Test
    void the_dockerfile_unpacks_the_archive_of_this_version_and_probes_ready_on_the_admin_port() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>appmsg-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(version.find()).as("the parent POM's version").isTrue();

        assertThat(dockerfile).contains("ARG VERSION=" + version.group(1))
                .contains("ADD bootstrap/target/appmsg-${VERSION}.tar.gz /opt/")
                .contains("/dev/tcp/127.0.0.1/${APPMSG_ADMIN_PORT:-"
                        + Config.load(Map.of(), Optional.empty()).adminPort() + "}")
                .contains("GET /ready")
                .contains("USER appmsg")
                .contains("ENTRYPOINT [\"/opt/appmsg/bin/appmsg\"]");
        assertThat(ROOT.resolve("dist/bin/appmsg")).as("the entry point the archive ships").isRegularFile();
    }

    @Test
    void every_node_of_the_compose_file_has_a_configuration_the_server_accepts() throws IOException {
        Map<String, Map<String, String>> nodes = nodeSettings(Files.readAllLines(ROOT.resolve("docker-compose.yml")));

        assertThat(nodes).containsOnlyKeys("node1", "node2");
        for (var node : nodes.entrySet()) {
            Config config = Config.load(node.getValue(), Optional.empty());
            assertThat(config.clustered()).as(node.getKey()).isTrue();
        }
        assertThat(nodes.get("node1").get("APPMSG_NODE_ID")).isNotEqualTo(nodes.get("node2").get("APPMSG_NODE_ID"));
        assertThat(nodes.get("node1").get("APPMSG_PUBLIC_WS_ADDRESS"))
                .isNotEqualTo(nodes.get("node2").get("APPMSG_PUBLIC_WS_ADDRESS"));
    }

    /** Each node's APPMSG_* settings; a node that merges another's ({@code <<: *node}) starts from node1's. */
    private static Map<String, Map<String, String>> nodeSettings(List<String> lines) {
        Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        String service = null;
        for (String line : lines) {
            Matcher s = SERVICE.matcher(line);
            if (s.matches()) {
                service = s.group(1);
                continue;
            }
            if (service == null || !service.startsWith("node")) {
                continue;
            }
            Map<String, String> settings = nodes.computeIfAbsent(service, k -> new LinkedHashMap<>());
            if (line.trim().equals("<<: *node")) {
                settings.putAll(nodes.get("node1"));
            }
            Matcher m = SETTING.matcher(line);
            if (m.matches()) {
                settings.put(m.group(1), m.group(2));
            }
        }
        return nodes;
    }
}
