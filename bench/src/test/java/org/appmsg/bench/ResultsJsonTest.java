package org.appmsg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's JSON file: where it goes, what it holds, and that a report reads back exactly what was written. */
class ResultsJsonTest {

    @TempDir
    Path dir;

    @Test
    void a_run_written_into_a_directory_gets_a_file_of_its_own_and_reads_back_equal() throws Exception {
        Ladder.Outcome outcome = Ladder.climb(List.of(1000.0, 2000.0), LadderPolicy.DEFAULT,
                (i, r) -> Steps.clean(r, r == 2000 ? 140 : 12));
        RunRecord run = new RunRecord("unicast", "messages/s", "old build/1", "mariadb", 2, "20261203T120000Z",
                java.util.Map.of("receivers", "10000"), outcome.steps(), outcome.highestPassing());

        Path file = ResultsJson.write(run, dir);

        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(file.getFileName().toString()).isEqualTo("20261203T120000Z-unicast-mariadb-old_build_1-run2.json");
        String json = Files.readString(file);
        assertThat(json).contains("\"highestPassing\" : 1000.0", "\"p99\" : 140.0", "\"passed\" : false",
                "delivery p99 140.0 ms > 100 ms", "\"serverCpuMicrosPerMessage\" : 42.5", "\"receivers\" : \"10000\"");
        assertThat(ResultsJson.read(file)).isEqualTo(run);
    }

    @Test
    void a_run_written_to_a_file_path_creates_its_directories() throws Exception {
        RunRecord run = new RunRecord("group", "frames/s", "current", "h2", 1, "20261203T120000Z",
                java.util.Map.of(), List.of(), null);
        Path file = ResultsJson.write(run, dir.resolve("a/b/run.json"));
        assertThat(file).exists();
        assertThat(ResultsJson.readAll(List.of(file))).containsExactly(run);
    }
}
