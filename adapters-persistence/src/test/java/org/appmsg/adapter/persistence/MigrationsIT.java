package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

class MigrationsIT {

    private static final List<String> TABLES = List.of("customer", "tenant", "application", "app_user", "org",
            "org_user", "client", "user_token", "admin_key", "message", "mailbox", "mailbox_entry", "org_tree",
            "user_contact", "shield", "uploaded_file", "file_link", "qun", "qun_user", "user_permission", "apns_token",
            "apns_credential", "quota", "quota_zone", "usage_count", "push_receipt", "delivery_status",
            "delivery_status_device", "application_permission");

    @Test
    void the_scripts_are_numbered_one_after_another() throws IOException {
        Path dir = Paths.get("src/main/resources/db/migration");
        Pattern name = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");
        List<Integer> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Matcher m = name.matcher(file.getFileName().toString());
                assertThat(m.matches()).as("%s is named V<n>__<words>.sql", file.getFileName()).isTrue();
                versions.add(Integer.parseInt(m.group(1)));
            }
        }
        versions.sort(null);
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void the_migrations_apply_in_order_to_an_empty_h2_database_and_only_once() throws Exception {
        migrateTwice(TestStore.h2());
    }

    @Test
    void the_migrations_apply_in_order_to_an_empty_mariadb_database_and_only_once() throws Exception {
        migrateTwice(TestStore.mariaDb());
    }

    private static void migrateTwice(TestStore store) throws Exception {
        SqlPersistence.Settings settings = store.createDatabase();
        try (HikariDataSource dataSource = dataSource(settings)) {
            MigrateResult first = Migrations.apply(dataSource);
            assertThat(first.success).isTrue();
            assertThat(first.migrations).extracting(m -> m.version).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
            assertThat(tables(dataSource)).containsAll(TABLES);

            MigrateResult second = Migrations.apply(dataSource);
            assertThat(second.migrationsExecuted).isZero();
        } finally {
            store.afterAll((ExtensionContext) null);
        }
    }

    @Test
    void v2_keeps_the_tenants_and_applications_of_v1_with_status_0_and_tenant_scope_on_h2() throws Exception {
        upgradeFromV1(TestStore.h2());
    }

    @Test
    void v2_keeps_the_tenants_and_applications_of_v1_with_status_0_and_tenant_scope_on_mariadb() throws Exception {
        upgradeFromV1(TestStore.mariaDb());
    }

    private static void upgradeFromV1(TestStore store) throws Exception {
        SqlPersistence.Settings settings = store.createDatabase();
        try (HikariDataSource dataSource = dataSource(settings)) {
            Flyway.configure().dataSource(dataSource).locations(Migrations.LOCATION).target("1").load().migrate();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO tenant (id, code, name, customer_id, created, updated)"
                        + " VALUES ('t1', 'C', 'Tenant', 'c1', 1, 1)");
                s.execute("INSERT INTO application (id, name, tenant_id, token_digest, enabled, created, updated)"
                        + " VALUES ('a1', 'App', 't1', '" + "0".repeat(64) + "', TRUE, 1, 1)");
            }
            assertThat(Migrations.apply(dataSource).migrationsExecuted).isEqualTo(10); // V2 to V11
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT status FROM tenant WHERE id = 't1'")).isEqualTo("0");
                assertThat(single(s, "SELECT scope FROM application WHERE id = 'a1'")).isEqualTo("tenant");
            }
        } finally {
            store.afterAll((ExtensionContext) null);
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static HikariDataSource dataSource(SqlPersistence.Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static List<String> tables(HikariDataSource dataSource) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }
}
