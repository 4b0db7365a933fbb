package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSqlPersistenceIT extends SqlPersistenceChecks {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    TestStore store() {
        return store;
    }

    @Test
    void sessions_with_synchronous_commit_off_are_reported_as_able_to_lose_acknowledged_writes() throws Exception {
        try (Connection c = DriverManager.getConnection(store.settings().jdbcUrl()); Statement s = c.createStatement()) {
            assertThat(Backend.POSTGRES.commitDurabilityProblem(c)).as("the server's defaults").isEmpty();
            s.execute("SET synchronous_commit = off"); // as ALTER ROLE/DATABASE ... SET would for the pool's sessions
            assertThat(Backend.POSTGRES.commitDurabilityProblem(c)).hasValueSatisfying(
                    problem -> assertThat(problem).startsWith("synchronous_commit is off"));
        }
    }
}
