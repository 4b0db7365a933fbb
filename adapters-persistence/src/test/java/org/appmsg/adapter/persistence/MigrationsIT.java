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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

class MigrationsIT {

    private static final List<String> TABLES = List.of("customer", "tenant", "application", "app_user", "org",
            "org_user", "client", "user_token", "admin_key", "message", "mailbox", "mailbox_entry");

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
            assertThat(first.migrations).extracting(m -> m.version).containsExactly("1");
            assertThat(tables(dataSource)).containsAll(TABLES);

            MigrateResult second = Migrations.apply(dataSource);
            assertThat(second.migrationsExecuted).isZero();
        } finally {
            store.afterAll((ExtensionContext) null);
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
