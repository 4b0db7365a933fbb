package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class GuardedDataSourceTest {

    private final StorageAvailability availability = new StorageAvailability(Clock.systemUTC(), up -> {});
    private final JdbcDataSource h2 = new JdbcDataSource();

    {
        h2.setURL("jdbc:h2:mem:guarded");
    }

    @Test
    void hands_out_connections_while_the_database_is_up_and_refuses_at_once_while_it_is_down() throws Exception {
        GuardedDataSource guarded = new GuardedDataSource(h2, availability);
        try (Connection c = guarded.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }

        availability.markDown("test");

        assertThatThrownBy(guarded::getConnection).isInstanceOf(SQLTransientConnectionException.class)
                .satisfies(e -> assertThat(((SQLTransientConnectionException) e).getSQLState()).startsWith("08"));
        availability.markUp();
        try (Connection c = guarded.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
    }
}
