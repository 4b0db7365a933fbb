package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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

    private static final Path MYSQL_SCRIPTS = Paths.get("src/main/resources/db/migration");
    private static final Path POSTGRES_SCRIPTS = Paths.get("src/main/resources/db/migration-postgres");

    @Test
    void the_scripts_are_numbered_one_after_another() throws IOException {
        assertNumberedOneAfterAnother(MYSQL_SCRIPTS);
    }

    @Test
    void the_postgresql_scripts_are_numbered_one_after_another_with_the_same_names() throws IOException {
        assertNumberedOneAfterAnother(POSTGRES_SCRIPTS);
        assertThat(scriptNames(POSTGRES_SCRIPTS)).as("one PostgreSQL twin per script, named alike")
                .containsExactlyInAnyOrderElementsOf(scriptNames(MYSQL_SCRIPTS));
    }

    private static List<String> scriptNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static void assertNumberedOneAfterAnother(Path dir) throws IOException {
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
            MigrateResult first = Migrations.apply(dataSource, Backend.of(settings.jdbcUrl()));
            assertThat(first.success).isTrue();
            assertThat(first.migrations).extracting(m -> m.version).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
            assertThat(tables(dataSource)).containsAll(TABLES);

            MigrateResult second = Migrations.apply(dataSource, Backend.of(settings.jdbcUrl()));
            assertThat(second.migrationsExecuted).isZero();
        } finally {
            store.afterAll((ExtensionContext) null);
        }
    }

    @Test
    void the_migrations_apply_in_order_to_an_empty_postgresql_database_and_only_once() throws Exception {
        migrateTwice(TestStore.postgres());
    }

    @Test
    void v2_keeps_the_tenants_and_applications_of_v1_with_status_0_and_tenant_scope_on_h2() throws Exception {
        upgradeFromV1(TestStore.h2());
    }

    @Test
    void v2_keeps_the_tenants_and_applications_of_v1_with_status_0_and_tenant_scope_on_mariadb() throws Exception {
        upgradeFromV1(TestStore.mariaDb());
    }

    @Test
    void v2_keeps_the_tenants_and_applications_of_v1_with_status_0_and_tenant_scope_on_postgresql() throws Exception {
        upgradeFromV1(TestStore.postgres());
    }

    private static void upgradeFromV1(TestStore store) throws Exception {
        SqlPersistence.Settings settings = store.createDatabase();
        try (HikariDataSource dataSource = dataSource(settings)) {
            Backend backend = Backend.of(settings.jdbcUrl());
            Flyway.configure().dataSource(dataSource).locations(backend.migrations).target("1").load().migrate();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO tenant (id, code, name, customer_id, created, updated)"
                        + " VALUES ('t1', 'C', 'Tenant', 'c1', 1, 1)");
                s.execute("INSERT INTO application (id, name, tenant_id, token_digest, enabled, created, updated)"
                        + " VALUES ('a1', 'App', 't1', '" + "0".repeat(64) + "', TRUE, 1, 1)");
            }
            assertThat(Migrations.apply(dataSource, backend).migrationsExecuted).isEqualTo(10); // V2 to V11
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT status FROM tenant WHERE id = 't1'")).isEqualTo("0");
                assertThat(single(s, "SELECT scope FROM application WHERE id = 'a1'")).isEqualTo("tenant");
            }
        } finally {
            store.afterAll((ExtensionContext) null);
        }
    }

    /**
     * The two sets of scripts must build one schema: the same tables, columns (name, type, length, nullability)
     * and indexes (name, uniqueness, columns in order) on MariaDB and on PostgreSQL. Types compared as the JDBC
     * drivers report them, with each database's long-text type (LONGTEXT, TEXT) taken as one, and its primary
     * key index (PRIMARY, &lt;table&gt;_pkey) as one.
     */
    @Test
    void the_postgresql_scripts_build_the_same_tables_columns_and_indexes_as_the_mariadb_ones() throws Exception {
        Map<String, List<String>> mariaDb = schemaAfterMigrations(TestStore.mariaDb());
        Map<String, List<String>> postgres = schemaAfterMigrations(TestStore.postgres());
        assertThat(postgres.keySet()).containsExactlyInAnyOrderElementsOf(mariaDb.keySet());
        for (String table : mariaDb.keySet()) {
            assertThat(postgres.get(table)).as(table).containsExactlyInAnyOrderElementsOf(mariaDb.get(table));
        }
    }

    private static Map<String, List<String>> schemaAfterMigrations(TestStore store) throws Exception {
        SqlPersistence.Settings settings = store.createDatabase();
        try (HikariDataSource dataSource = dataSource(settings)) {
            Migrations.apply(dataSource, Backend.of(settings.jdbcUrl()));
            Map<String, List<String>> schema = new TreeMap<>();
            try (Connection c = dataSource.getConnection()) {
                DatabaseMetaData meta = c.getMetaData();
                for (String table : TABLES) {
                    List<String> parts = new ArrayList<>();
                    try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), table, "%")) {
                        while (rs.next()) {
                            parts.add("column " + rs.getString("COLUMN_NAME") + " " + type(rs)
                                    + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " NOT NULL" : ""));
                        }
                    }
                    Map<String, List<String>> indexes = new TreeMap<>();
                    try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), c.getSchema(), table, false, false)) {
                        while (rs.next()) {
                            String name = rs.getString("INDEX_NAME");
                            if (name == null) {
                                continue; // table statistics
                            }
                            name = name.equals(table + "_pkey") ? "PRIMARY" : name;
                            String key = "index " + name + (rs.getBoolean("NON_UNIQUE") ? "" : " UNIQUE");
                            List<String> columns = indexes.computeIfAbsent(key, k -> new ArrayList<>());
                            int position = rs.getInt("ORDINAL_POSITION");
                            while (columns.size() < position) {
                                columns.add(null);
                            }
                            columns.set(position - 1, rs.getString("COLUMN_NAME"));
                        }
                    }
                    indexes.forEach((key, columns) -> parts.add(key + " " + columns));
                    schema.put(table, parts);
                }
            }
            return schema;
        } finally {
            store.afterAll((ExtensionContext) null);
        }
    }

    /** A column's type as both drivers can report it alike. */
    private static String type(ResultSet column) throws SQLException {
        int type = column.getInt("DATA_TYPE");
        int size = column.getInt("COLUMN_SIZE");
        return switch (type) {
            case Types.BIGINT -> "BIGINT";
            case Types.INTEGER -> "INTEGER";
            case Types.BIT, Types.BOOLEAN, Types.TINYINT -> "BOOLEAN"; // MariaDB's BOOLEAN is TINYINT(1)
            case Types.CHAR -> "CHAR(" + size + ")";
            case Types.LONGVARCHAR, Types.CLOB -> "TEXT";
            case Types.VARCHAR -> size >= 65_535 ? "TEXT" : "VARCHAR(" + size + ")";
            default -> "type " + type + "(" + size + ")";
        };
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
