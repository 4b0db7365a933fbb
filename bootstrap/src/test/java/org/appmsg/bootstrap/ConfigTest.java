package org.appmsg.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.appmsg.domain.message.FirstMid;
import org.appmsg.domain.net.TrustedProxies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @TempDir
    Path dir;

    @Test
    void client_releases_are_read_from_the_file_and_a_bad_one_is_refused_naming_the_key() throws Exception {
        assertThat(Config.load(Map.of(), Optional.empty()).clientReleases()).isEmpty();
        Path releases = dir.resolve("releases.properties");
        java.nio.file.Files.writeString(releases, "iOS.versionCode=7\niOS.versionName=2.0\n"
                + "iOS.url=https://apps.example.org/app\nAndroid.versionCode=12\nAndroid.versionName=1.2\n"
                + "Android.url=https://x/a.apk\nAndroid.fileName=a.apk\nAndroid.description=\u65b0\n");
        var loaded = Config.load(Map.of("APPMSG_CLIENT_RELEASES", releases.toString()), Optional.empty())
                .clientReleases();
        assertThat(loaded).extracting(r -> r.type() + " " + r.versionCode() + " " + r.versionName() + " "
                + r.description() + " " + r.fileName())
                .containsExactly("Android 12 1.2 \u65b0 a.apk", "iOS 7 2.0  ");

        java.nio.file.Files.writeString(releases, "Android.versionCode=twelve\n");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_CLIENT_RELEASES", releases.toString()), Optional.empty()))
                .hasMessageContaining("Android.versionCode must be an integer");
        java.nio.file.Files.writeString(releases, "Android.version=12\n");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_CLIENT_RELEASES", releases.toString()), Optional.empty()))
                .hasMessageContaining("unknown key Android.version");
        java.nio.file.Files.writeString(releases, "Android.versionCode=1\nAndroid.versionName=1\nAndroid.url=ftp://x\n");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_CLIENT_RELEASES", releases.toString()), Optional.empty()))
                .hasMessageContaining("Android: url must be an http(s) URL");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_CLIENT_RELEASES", dir.resolve("missing").toString()),
                Optional.empty())).hasMessageContaining("APPMSG_CLIENT_RELEASES: cannot read");
    }

    @Test
    void defaults_give_the_embedded_server_on_the_legacy_ports() {
        Config c = Config.load(Map.of(), Optional.empty());

        assertThat(c.httpPort()).isEqualTo(8090);
        assertThat(c.wsPort()).isEqualTo(6968);
        assertThat(c.adminHost()).isEqualTo("127.0.0.1");
        assertThat(c.adminPort()).isEqualTo(8091);
        assertThat(c.embeddedDatabase()).isTrue();
        assertThat(c.dbUrl()).startsWith("jdbc:h2:file:").endsWith("data/appmsg");
        assertThat(c.messageExpire()).isEqualTo(Duration.ofDays(7));
        assertThat(c.retentionInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void new_mailboxes_start_their_mids_at_1_unless_set_to_the_clock() {
        assertThat(Config.load(Map.of(), Optional.empty()).mailboxFirstMid()).isEqualTo(FirstMid.ONE);
        assertThat(Config.load(Map.of("APPMSG_MAILBOX_FIRST_MID", "clock"), Optional.empty()).mailboxFirstMid())
                .isEqualTo(FirstMid.CLOCK);
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_MAILBOX_FIRST_MID", "now"), Optional.empty()))
                .isInstanceOf(Config.ConfigException.class).hasMessage("APPMSG_MAILBOX_FIRST_MID must be 1 or clock: 'now'");
    }

    @Test
    void the_retention_interval_is_whole_seconds_from_1_to_a_day() {
        assertThat(Config.load(Map.of("APPMSG_RETENTION_INTERVAL", "5"), Optional.empty()).retentionInterval())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_RETENTION_INTERVAL", "0"), Optional.empty()))
                .hasMessageContaining("APPMSG_RETENTION_INTERVAL");
    }

    @Test
    void the_group_member_limit_defaults_to_2000_and_is_2_to_10000() {
        assertThat(Config.load(Map.of(), Optional.empty()).qunMaxMembers()).isEqualTo(2000);
        assertThat(Config.load(Map.of("APPMSG_QUN_MAX_MEMBERS", "10000"), Optional.empty()).qunMaxMembers())
                .isEqualTo(10_000);
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_QUN_MAX_MEMBERS", "1"), Optional.empty()))
                .hasMessageContaining("APPMSG_QUN_MAX_MEMBERS");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_QUN_MAX_MEMBERS", "10001"), Optional.empty()))
                .hasMessageContaining("APPMSG_QUN_MAX_MEMBERS");
    }

    @Test
    void file_expiry_is_off_by_default_after_a_week_and_checked_hourly() {
        Config c = Config.load(Map.of(), Optional.empty());

        assertThat(c.fileDeleteUrl()).isEmpty();
        assertThat(c.fileDeleteMethod()).isEqualTo("DELETE");
        assertThat(c.fileExpire()).isEqualTo(Duration.ofDays(7));
        assertThat(c.fileExpiryInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void the_file_delete_url_needs_fid_and_http_and_the_method_is_one_of_three() {
        Config c = Config.load(Map.of("APPMSG_FILE_DELETE_URL", "http://weed:9333/delete?fid={fid}",
                "APPMSG_FILE_DELETE_METHOD", "get", "APPMSG_FILE_EXPIRE", "1"), Optional.empty());
        assertThat(c.fileDeleteMethod()).isEqualTo("GET");
        assertThat(c.fileExpire()).isEqualTo(Duration.ofSeconds(1));

        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_FILE_DELETE_URL", "http://weed:9333/delete"),
                Optional.empty())).hasMessageContaining("APPMSG_FILE_DELETE_URL").hasMessageContaining("{fid}");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_FILE_DELETE_URL", "weed:9333/{fid}"),
                Optional.empty())).hasMessageContaining("APPMSG_FILE_DELETE_URL");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_FILE_DELETE_METHOD", "PUT"), Optional.empty()))
                .hasMessageContaining("APPMSG_FILE_DELETE_METHOD");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_FILE_EXPIRY_INTERVAL", "0"), Optional.empty()))
                .hasMessageContaining("APPMSG_FILE_EXPIRY_INTERVAL");
    }

    @Test
    void a_file_overrides_defaults_and_the_environment_overrides_the_file() throws Exception {
        Path file = dir.resolve("appmsg.properties");
        Files.writeString(file, "APPMSG_HTTP_PORT=9000\nAPPMSG_WS_PORT=9001\nAPPMSG_DB_URL=jdbc:mariadb://db:3306/appmsg\n");

        Config c = Config.load(Map.of("APPMSG_WS_PORT", "0", "PATH", "/bin"), Optional.of(file));

        assertThat(c.httpPort()).isEqualTo(9000);
        assertThat(c.wsPort()).isZero();
        assertThat(c.embeddedDatabase()).isFalse();
    }

    @Test
    void each_sql_store_is_chosen_by_its_url() {
        for (String url : new String[] {"jdbc:mariadb://db/appmsg", "jdbc:mysql://db/appmsg",
                "jdbc:postgresql://db:5432/appmsg", "jdbc:h2:file:/var/lib/appmsg/appmsg"}) {
            assertThat(Config.load(Map.of("APPMSG_DB_URL", url), Optional.empty()).dbUrl()).isEqualTo(url);
        }
    }

    @Test
    void unknown_keys_and_malformed_values_name_the_setting() {
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_HTTP_PROT", "1"), Optional.empty()))
                .hasMessageContaining("APPMSG_HTTP_PROT");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_HTTP_PORT", "eighty"), Optional.empty()))
                .hasMessageContaining("APPMSG_HTTP_PORT").hasMessageContaining("whole number");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_WS_PORT", "70000"), Optional.empty()))
                .hasMessageContaining("APPMSG_WS_PORT");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_DB_URL", "jdbc:sqlserver://x;databaseName=y"), Optional.empty()))
                .hasMessageContaining("APPMSG_DB_URL").hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_REDIS_URL", "localhost"), Optional.empty()))
                .hasMessageContaining("APPMSG_REDIS_URL");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_REDIS_PREFIX", "a b"), Optional.empty()))
                .hasMessageContaining("APPMSG_REDIS_PREFIX");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_PUBLIC_WS_ADDRESS", "ws://x:1"), Optional.empty()))
                .hasMessageContaining("APPMSG_PUBLIC_WS_ADDRESS").hasMessageContaining("host:port");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_CLUSTER_LEASE_TTL", "2"), Optional.empty()))
                .hasMessageContaining("APPMSG_CLUSTER_LEASE_TTL");
        assertThatThrownBy(() -> Config.load(Map.of(), Optional.of(dir.resolve("missing.properties"))))
                .hasMessageContaining("missing.properties");
    }

    @Test
    void client_and_login_limits_default_to_the_documented_values_and_name_a_bad_one() {
        Config c = Config.load(Map.of(), Optional.empty());
        assertThat(c.clientLimits()).isEqualTo(new Config.ClientLimits(TrustedProxies.NONE, 256, 1000, 1000,
                Duration.ofSeconds(10), 2, 20));
        assertThat(c.loginLimits()).isEqualTo(new Config.LoginLimits(5, 20, 50, Duration.ofSeconds(1),
                Duration.ofMinutes(15), Duration.ofHours(1)));

        assertThat(Config.load(Map.of("APPMSG_TRUSTED_PROXIES", "10.0.0.0/8, ::1"), Optional.empty())
                .clientLimits().trustedProxies().ranges()).hasSize(2);
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_TRUSTED_PROXIES", "proxy.local"), Optional.empty()))
                .hasMessageContaining("APPMSG_TRUSTED_PROXIES").hasMessageContaining("proxy.local");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_WS_MAX_CONNECTIONS_PER_ADDRESS", "0"), Optional.empty()))
                .hasMessageContaining("APPMSG_WS_MAX_CONNECTIONS_PER_ADDRESS");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_LOGIN_FORGET_AFTER", "60"), Optional.empty()))
                .hasMessageContaining("APPMSG_LOGIN_FORGET_AFTER");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_LOGIN_LOCK", "1000"), Optional.empty()))
                .hasMessageContaining("APPMSG_LOGIN_LOCK");
    }

    @Test
    void a_chosen_admin_key_has_at_least_16_characters() {
        assertThat(Config.load(Map.of("APPMSG_ADMIN_KEY", "0123456789abcdef"), Optional.empty()).adminKey())
                .isEqualTo("0123456789abcdef");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_ADMIN_KEY", "admin"), Optional.empty()))
                .hasMessageContaining("APPMSG_ADMIN_KEY").hasMessageContaining("16");
    }

    @Test
    void cluster_mode_is_a_redis_url_and_public_addresses_default_to_the_listeners() {
        Config alone = Config.load(Map.of(), Optional.empty());
        assertThat(alone.clustered()).isFalse();
        assertThat(alone.cluster()).isEqualTo(new Config.Cluster("appmsg", "", "", "", java.time.Duration.ofSeconds(15)));

        Config node = Config.load(Map.of("APPMSG_REDIS_URL", "redis://127.0.0.1:6379", "APPMSG_REDIS_PREFIX", "blue",
                "APPMSG_PUBLIC_TCP_ADDRESS", "push.example.org:443"), Optional.empty());
        assertThat(node.clustered()).isTrue();
        assertThat(node.cluster().redisPrefix()).isEqualTo("blue");
        assertThat(Config.publicAddress(node.cluster().publicTcpAddress(), "0.0.0.0", 6969)).isEqualTo("push.example.org:443");
        assertThat(Config.publicAddress("", "10.0.0.5", 6968)).isEqualTo("10.0.0.5:6968");
        assertThat(Config.publicAddress("", "0.0.0.0", 6968)).doesNotStartWith("0.0.0.0").endsWith(":6968");
    }

    @Test
    void the_log_form_hides_passwords() {
        Config c = Config.load(Map.of("APPMSG_DB_URL", "jdbc:mariadb://db/app?user=u&password=secret",
                "APPMSG_DB_PASSWORD", "secret2", "APPMSG_ADMIN_KEY", "k3y-k3y-k3y-k3y-k3y"), Optional.empty());
        assertThat(c.toString()).doesNotContain("secret").doesNotContain("k3y");
    }

    @Test
    void database_waits_are_bounded_by_default_and_configurable_in_milliseconds() {
        Config c = Config.load(Map.of(), Optional.empty());
        assertThat(c.dbConnectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.dbSocketTimeout()).isEqualTo(Duration.ofSeconds(10));

        Config set = Config.load(Map.of("APPMSG_DB_CONNECT_TIMEOUT_MS", "300", "APPMSG_DB_SOCKET_TIMEOUT_MS", "0"),
                Optional.empty());
        assertThat(set.dbConnectTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(set.dbSocketTimeout()).as("0 = no limit").isZero();

        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_DB_CONNECT_TIMEOUT_MS", "100"), Optional.empty()))
                .hasMessageContaining("APPMSG_DB_CONNECT_TIMEOUT_MS");
        assertThatThrownBy(() -> Config.load(Map.of("APPMSG_DB_SOCKET_TIMEOUT_MS", "500"), Optional.empty()))
                .hasMessageContaining("APPMSG_DB_SOCKET_TIMEOUT_MS");
    }
}
