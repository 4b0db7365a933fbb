package org.appmsg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The end-of-run table: builds side by side per rate, columns aligned. */
class ResultTableTest {

    @Test
    void builds_of_one_rate_sit_on_adjacent_lines_and_every_column_lines_up() throws Exception {
        RunRecord current = LadderTest.run(1, Ladder.climb(List.of(1000.0, 2000.0), LadderPolicy.DEFAULT,
                (i, r) -> Steps.clean(r, 10)));
        RunRecord old = new RunRecord("unicast", "messages/s", "4b73d53", "mariadb", 1, "x", java.util.Map.of(),
                Ladder.climb(List.of(1000.0, 2000.0), LadderPolicy.DEFAULT, (i, r) -> Steps.clean(r, r > 1000 ? 300 : 50))
                        .steps(), 1000.0);
        String table = ResultTable.render(List.of(LadderSummary.of(List.of(current)), LadderSummary.of(List.of(old))));
        List<String> lines = table.lines().toList();

        assertThat(lines.get(0)).startsWith(" rate  build").contains("p99 ms", "srv µs/msg", "heap MB");
        assertThat(lines.get(1)).startsWith("1,000  current").contains("PASS 1/1");
        assertThat(lines.get(2)).startsWith("1,000  4b73d53").contains("PASS 1/1");
        assertThat(lines.get(3)).startsWith("2,000  current").contains("PASS 1/1");
        assertThat(lines.get(4)).startsWith("2,000  4b73d53").contains("FAIL 0/1", "300.0");
        assertThat(lines.get(5)).isEqualTo("current: highest passing rate 2,000 messages/s (1 run)");
        assertThat(lines.get(6)).isEqualTo("4b73d53: highest passing rate 1,000 messages/s (1 run)");
        // the p99 column ends at the same place on every line of the table
        int end = lines.get(0).indexOf("p99 ms") + "p99 ms".length();
        for (int i = 1; i <= 4; i++) {
            assertThat(lines.get(i).charAt(end - 1)).isNotEqualTo(' ');
            assertThat(lines.get(i).charAt(end)).isEqualTo(' ');
        }
    }
}
