package org.appmsg.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a run's {@link RunRecord} as a JSON file of its own, and reads such files back for a report. */
public final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    /**
     * Writes {@code run} to {@code target}: a file, or, when {@code target} is an existing directory (or ends with
     * a slash), a new file in it named after the run ({@code <startedAt>-<scenario>-<store>-<build>-run<N>.json},
     * anything but letters, digits, dot and dash replaced by '_'). Creates missing directories; returns the file.
     */
    public static Path write(RunRecord run, Path target) throws IOException {
        Path file = target;
        if (Files.isDirectory(target) || target.toString().endsWith("/")) {
            file = target.resolve(safe(run.startedAt() + "-" + run.scenario() + "-" + run.store() + "-" + run.build()
                    + "-run" + run.run()) + ".json");
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        JSON.writeValue(file.toFile(), run);
        return file;
    }

    public static RunRecord read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), RunRecord.class);
    }

    public static List<RunRecord> readAll(List<Path> files) throws IOException {
        List<RunRecord> runs = new ArrayList<>();
        for (Path f : files) {
            runs.add(read(f));
        }
        return runs;
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
