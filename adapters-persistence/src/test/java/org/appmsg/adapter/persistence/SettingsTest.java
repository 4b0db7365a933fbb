package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.appmsg.adapter.persistence.SqlPersistence.Settings;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void an_h2_url_gets_the_settings_the_schema_needs() {
        assertThat(new Settings("jdbc:h2:file:./data/appmsg", "", "", 4).jdbcUrl())
                .isEqualTo("jdbc:h2:file:./data/appmsg;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void an_h2_url_that_has_them_is_kept_as_it_is() {
        String url = "jdbc:h2:file:/d/appmsg;mode=mysql;DATABASE_TO_LOWER=true;DEFAULT_NULL_ORDERING=HIGH"
                + ";DB_CLOSE_ON_EXIT=FALSE";
        assertThat(new Settings(url, "", "", 4).jdbcUrl()).isEqualTo(url);
    }

    @Test
    void an_h2_url_in_another_mode_is_refused() {
        assertThatThrownBy(() -> new Settings("jdbc:h2:mem:x;MODE=PostgreSQL", "", "", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MODE=MySQL");
    }

    @Test
    void other_databases_are_refused() {
        assertThatThrownBy(() -> new Settings("jdbc:sqlserver://db;databaseName=appmsg", "", "", 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mariadb_and_mysql_urls_are_kept_and_the_password_stays_out_of_to_string() {
        Settings s = new Settings("jdbc:mariadb://db:3306/appmsg", "app", "hunter2", 8);
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:mariadb://db:3306/appmsg");
        assertThat(s.toString()).doesNotContain("hunter2");
        assertThat(new Settings("jdbc:mysql://db/appmsg", "", "", 2).jdbcUrl()).isEqualTo("jdbc:mysql://db/appmsg");
    }

    @Test
    void a_pool_of_fewer_than_two_connections_is_refused() {
        assertThatThrownBy(() -> new Settings("jdbc:h2:mem:x", "", "", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_driver_gets_the_connect_and_socket_timeouts_unless_the_url_sets_them() {
        Settings s = new Settings("jdbc:mariadb://db/appmsg", "", "", 4)
                .withTimeouts(Duration.ofMillis(800), Duration.ofSeconds(7));
        assertThat(SqlConnections.driverTimeouts(s, Backend.MARIADB, s.socketTimeout()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("connectTimeout", "800", "socketTimeout", "7000"));

        Settings own = new Settings("jdbc:mariadb://db/appmsg?socketTimeout=60000", "", "", 4);
        assertThat(SqlConnections.driverTimeouts(own, Backend.MARIADB, own.socketTimeout()))
                .containsOnlyKeys("connectTimeout");
        assertThat(SqlConnections.driverTimeouts(new Settings("jdbc:h2:mem:x", "", "", 4), Backend.H2,
                Duration.ofSeconds(5))).as("H2 runs in the process: no socket").isEmpty();
    }

    @Test
    void the_postgresql_driver_gets_its_timeouts_in_whole_seconds_rounded_up() {
        Settings s = new Settings("jdbc:postgresql://db/appmsg", "", "", 4)
                .withTimeouts(Duration.ofMillis(800), Duration.ofMillis(7_200));
        assertThat(SqlConnections.driverTimeouts(s, Backend.POSTGRES, s.socketTimeout()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("connectTimeout", "1", "socketTimeout", "8"));
        assertThat(SqlConnections.driverTimeouts(s, Backend.POSTGRES, Duration.ZERO))
                .as("no socket timeout stays none").containsEntry("socketTimeout", "0");
        Settings own = new Settings("jdbc:postgresql://db/appmsg?connectTimeout=30", "", "", 4);
        assertThat(SqlConnections.driverTimeouts(own, Backend.POSTGRES, own.socketTimeout()))
                .containsOnlyKeys("socketTimeout");
    }

    @Test
    void each_url_prefix_picks_its_backend_and_another_is_refused_naming_the_supported_ones() {
        assertThat(Backend.of("jdbc:postgresql://db/appmsg")).isEqualTo(Backend.POSTGRES);
        assertThat(Backend.of("jdbc:mariadb://db/appmsg")).isEqualTo(Backend.MARIADB);
        assertThat(Backend.POSTGRES.migrations).isNotEqualTo(Backend.MARIADB.migrations);
        assertThat(SqlPersistence.supports("jdbc:postgresql://db/appmsg")).isTrue();
        assertThat(SqlPersistence.supports("jdbc:sqlserver://db")).isFalse();
        assertThatThrownBy(() -> new Settings("jdbc:sqlserver://db", "", "", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:");
    }

    @Test
    void the_default_timeouts_are_one_second_to_connect_and_ten_to_answer() {
        Settings s = new Settings("jdbc:mariadb://db/appmsg", "", "", 4);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.socketTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void a_connect_timeout_under_250_ms_or_a_negative_socket_timeout_is_refused() {
        Settings s = new Settings("jdbc:mariadb://db/appmsg", "", "", 4);
        assertThatThrownBy(() -> s.withTimeouts(Duration.ofMillis(100), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> s.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socketTimeout");
        assertThat(s.withTimeouts(Duration.ofMillis(250), Duration.ZERO).socketTimeout()).isZero();
    }
}
