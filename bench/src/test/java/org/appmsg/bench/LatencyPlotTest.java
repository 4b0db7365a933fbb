package org.appmsg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG plot: well-formed, one line per build and percentile through every step, the limit where 100 ms is. */
class LatencyPlotTest {

    @TempDir
    Path dir;

    private static LadderSummary summary(String build, double... p99s) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < p99s.length; i++) {
            rates.add(1000.0 * (i + 1));
        }
        Ladder.Outcome outcome = Ladder.climb(rates, LadderPolicy.DEFAULT,
                (i, r) -> Steps.clean(r, p99s[i]));
        return LadderSummary.of(List.of(LadderTest.run(1, outcome)).stream()
                .map(r -> new RunRecord(r.scenario(), r.unit(), build, r.store(), r.run(), r.startedAt(), r.settings(),
                        r.steps(), r.highestPassing())).toList());
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void draws_each_percentile_of_each_build_through_its_steps_with_passes_filled_and_failures_hollow() throws Exception {
        String svg = LatencyPlot.svg("unicast <10,000 receivers>", List.of(summary("current", 8, 20, 60, 240),
                summary("old & slow", 15, 130)), 100);
        Document doc = parse(svg);

        NodeList lines = doc.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(8); // 2 builds x 4 percentiles
        Element currentP99 = null;
        for (int i = 0; i < lines.getLength(); i++) {
            Element e = (Element) lines.item(i);
            if (e.getAttribute("data-build").equals("current") && e.getAttribute("data-percentile").equals("p99")) {
                currentP99 = e;
            }
        }
        assertThat(currentP99).isNotNull();
        String[] points = currentP99.getAttribute("points").split(" ");
        assertThat(points).hasSize(4);
        // higher latency is drawn higher up: y falls as p99 grows
        double y0 = Double.parseDouble(points[0].split(",")[1]);
        double y3 = Double.parseDouble(points[3].split(",")[1]);
        assertThat(y3).isLessThan(y0);
        // x grows with the rate
        assertThat(Double.parseDouble(points[3].split(",")[0])).isGreaterThan(Double.parseDouble(points[0].split(",")[0]));

        long failed = countByClass(doc, "circle", "fail");
        long passed = countByClass(doc, "circle", "pass");
        assertThat(failed).isEqualTo(2 * 4); // the last step of each build, every percentile
        assertThat(passed).isEqualTo((3 + 1) * 4);
        assertThat(svg).contains("unicast &lt;10,000 receivers&gt;", "old &amp; slow p99");
    }

    @Test
    void the_limit_line_lies_on_the_100_ms_gridline() throws Exception {
        Document doc = parse(LatencyPlot.svg("t", List.of(summary("current", 0.4, 3, 2500)), 100));
        Element limit = doc.getElementById("limit");
        if (limit == null) { // no DTD, so ids are not known to the parser: look it up by attribute
            NodeList all = doc.getElementsByTagName("line");
            for (int i = 0; i < all.getLength(); i++) {
                if (((Element) all.item(i)).getAttribute("id").equals("limit")) {
                    limit = (Element) all.item(i);
                }
            }
        }
        assertThat(limit).isNotNull();
        NodeList labels = doc.getElementsByTagName("text");
        List<String> decades = new ArrayList<>();
        String hundredY = null;
        for (int i = 0; i < labels.getLength(); i++) {
            Element t = (Element) labels.item(i);
            if (t.getAttribute("class").equals("ylabel")) {
                decades.add(t.getAttribute("data-ms"));
                if (t.getAttribute("data-ms").equals("100")) {
                    hundredY = t.getAttribute("y");
                }
            }
        }
        // decades from below the lowest value to above the highest
        assertThat(decades).containsExactly("0.1", "1", "10", "100", "1,000", "10,000");
        assertThat(Double.parseDouble(limit.getAttribute("y1")) + 4).isEqualTo(Double.parseDouble(hundredY));
    }

    @Test
    void writes_the_file_and_its_directories() throws Exception {
        Path file = dir.resolve("plots/ladder.svg");
        LatencyPlot.write(file, "t", List.of(summary("current", 5, 9)), 100);
        assertThat(Files.readString(file)).startsWith("<svg ").endsWith("</svg>\n");
    }

    @Test
    void the_rate_axis_ends_at_a_round_number() {
        assertThat(LatencyPlot.niceCeiling(20000)).isEqualTo(20000);
        assertThat(LatencyPlot.niceCeiling(15000)).isEqualTo(20000);
        assertThat(LatencyPlot.niceCeiling(400000)).isEqualTo(500000);
        assertThat(LatencyPlot.niceCeiling(2100)).isEqualTo(2500);
    }

    private static long countByClass(Document doc, String tag, String cls) {
        NodeList nodes = doc.getElementsByTagName(tag);
        long n = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            if (((Element) nodes.item(i)).getAttribute("class").equals(cls)) {
                n++;
            }
        }
        return n;
    }
}
