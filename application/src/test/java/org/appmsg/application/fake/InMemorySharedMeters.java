package org.appmsg.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.appmsg.application.port.out.SharedMeters;
import org.appmsg.domain.shared.CustomerId;

/** Shared meters in memory: what several {@code UsageMeter}s of one test share as a cluster would share Redis. */
public final class InMemorySharedMeters implements SharedMeters {

    private final Map<String, Long> meters = new HashMap<>();

    @Override
    public synchronized Outcome count(CustomerId customer, Limit limited, List<String> others, long n) {
        List<String> missing = new ArrayList<>();
        if (limited != null && !meters.containsKey(key(customer, limited.window()))) {
            missing.add(limited.window());
        }
        others.stream().filter(w -> !meters.containsKey(key(customer, w))).forEach(missing::add);
        if (!missing.isEmpty()) {
            return new Outcome.Missing(missing);
        }
        if (limited != null) {
            long used = meters.get(key(customer, limited.window()));
            if (used >= limited.limit()) {
                return new Outcome.Over(used);
            }
            meters.merge(key(customer, limited.window()), n, Long::sum);
        }
        others.forEach(w -> meters.merge(key(customer, w), n, Long::sum));
        return new Outcome.Counted();
    }

    @Override
    public synchronized void create(CustomerId customer, String window, long used, Instant expiresAt) {
        meters.putIfAbsent(key(customer, window), used);
    }

    /** Forgets every meter, as a Redis that restarted empty does. */
    public synchronized void lose() {
        meters.clear();
    }

    /** A meter's value, or null. */
    public synchronized Long value(CustomerId customer, String window) {
        return meters.get(key(customer, window));
    }

    private static String key(CustomerId customer, String window) {
        return customer.value() + "\n" + window;
    }
}
