package org.appmsg.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open-loop ladder run, as written to its JSON file: what ran (scenario, the rate unit, the server build's
 * label, the store, the run's number), how (every setting, as given), each step measured and judged, and the
 * highest passing rate (null when no step passed).
 */
public record RunRecord(String scenario, String unit, String build, String store, int run, String startedAt,
                        Map<String, String> settings, List<Ladder.Step> steps, Double highestPassing) {

    public RunRecord {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings)); // in the order given
        steps = List.copyOf(steps);
    }
}
