package org.appmsg.adapter.http;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.appmsg.application.port.in.MeterCallsUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request counters and latency histograms per route, written by hand in the Prometheus text format
 * 0.0.4. Recording is lock-free; a scrape reads the adders without stopping writers, so one scrape
 * may be off by the requests that finish while it runs.
 */
final class Metrics {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(Metrics.class);
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private final Map<String, RouteStats> routes = new ConcurrentSkipListMap<>();
    private final Map<String, LongSupplier> gauges;
    private final Supplier<List<MeterCallsUseCase.CustomerTotal>> usage;

    Metrics(Map<String, LongSupplier> gauges) {
        this(gauges, List::of);
    }

    /** With the quota meter's per-customer counts ({@code appmsg_usage_count}). */
    Metrics(Map<String, LongSupplier> gauges, Supplier<List<MeterCallsUseCase.CustomerTotal>> usage) {
        this.gauges = new TreeMap<>(gauges);
        this.usage = usage;
    }

    /** Registers a route once, when the server is built. */
    RouteStats route(String route) {
        return routes.computeIfAbsent(route, RouteStats::new);
    }

    String scrape() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP appmsg_http_requests_total HTTP requests by route, status and legacy ret code.\n")
                .append("# TYPE appmsg_http_requests_total counter\n");
        routes.values().forEach(r -> r.writeCounters(out));
        out.append("# HELP appmsg_http_request_duration_seconds Time from routing to the response being set.\n")
                .append("# TYPE appmsg_http_request_duration_seconds histogram\n");
        routes.values().forEach(r -> r.writeHistogram(out));
        writeUsage(out);
        gauges.forEach((name, supplier) -> writeGauge(out, name, supplier));
        writeGauge(out, "jvm_memory_heap_used_bytes",
                () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        return out.toString();
    }

    /**
     * Per customer (bounded: the meter names at most its first {@link MeterCallsUseCase#MAX_CUSTOMER_LABELS}
     * customers, the rest as one) and counter: a gauge, as a call taken back lowers it.
     */
    private void writeUsage(StringBuilder out) {
        List<MeterCallsUseCase.CustomerTotal> totals = usage.get();
        if (totals.isEmpty()) {
            return;
        }
        out.append("# HELP appmsg_usage_count Calls (api_cnt), pushes (push_cnt) and stored recipients (recipients)"
                + " counted on this node since it started, per customer, net of calls taken back.\n")
                .append("# TYPE appmsg_usage_count gauge\n");
        for (MeterCallsUseCase.CustomerTotal t : totals) {
            out.append("appmsg_usage_count{customer=\"").append(RouteStats.escape(t.customer()))
                    .append("\",counter=\"").append(RouteStats.escape(t.counter())).append("\"} ").append(t.count())
                    .append('\n');
        }
    }

    private static void writeGauge(StringBuilder out, String name, LongSupplier supplier) {
        long value;
        try {
            value = supplier.getAsLong();
        } catch (RuntimeException e) {
            log.warn("gauge {} failed; left out of this scrape", name, e);
            return;
        }
        out.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }

    /** One route's numbers. */
    static final class RouteStats {
        private final String route;
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        private final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1];
        private final LongAdder sumNanos = new LongAdder();

        private RouteStats(String route) {
            this.route = route;
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void record(int status, String ret, long nanos) {
            String labels = "route=\"" + escape(route) + "\",status=\"" + status + "\""
                    + (ret.isEmpty() ? "" : ",ret=\"" + ret + "\"");
            counts.computeIfAbsent(labels, k -> new LongAdder()).increment();
            double seconds = nanos / 1e9;
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            buckets[i].increment();
            sumNanos.add(nanos);
        }

        private void writeCounters(StringBuilder out) {
            new TreeMap<>(counts).forEach((labels, n) ->
                    out.append("appmsg_http_requests_total{").append(labels).append("} ").append(n.sum()).append('\n'));
        }

        private void writeHistogram(StringBuilder out) {
            String name = "appmsg_http_request_duration_seconds";
            String route = "route=\"" + escape(this.route) + "\"";
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += buckets[i].sum();
                out.append(name).append("_bucket{").append(route).append(",le=\"").append(BUCKETS[i]).append("\"} ")
                        .append(cumulative).append('\n');
            }
            cumulative += buckets[BUCKETS.length].sum();
            out.append(name).append("_bucket{").append(route).append(",le=\"+Inf\"} ").append(cumulative).append('\n');
            out.append(name).append("_sum{").append(route).append("} ").append(sumNanos.sum() / 1e9).append('\n');
            out.append(name).append("_count{").append(route).append("} ").append(cumulative).append('\n');
        }

        private static String escape(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        }
    }
}
