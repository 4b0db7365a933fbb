package org.appmsg.adapter.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway over the backend's scripts ({@link Backend#migrations}): one set for H2 and MySQL/MariaDB, one for PostgreSQL. */
final class Migrations {

    private Migrations() {}

    static MigrateResult apply(DataSource dataSource, Backend backend) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(backend.migrations)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
