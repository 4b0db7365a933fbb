package org.appmsg.adapter.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway over classpath:db/migration, the same scripts for H2 and MySQL/MariaDB. */
final class Migrations {

    static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    static MigrateResult apply(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
