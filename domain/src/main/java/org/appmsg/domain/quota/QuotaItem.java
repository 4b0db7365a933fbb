package org.appmsg.domain.quota;

import java.util.Optional;

/**
 * What a quota limits (legacy spec 13.1). {@code api_cnt} counts calls of one API, keyed by its route;
 * {@code push_cnt} counts pushes, keyed by push type ({@code @user}, {@code @qun}, {@code @app}, {@code @org},
 * {@code @tenant}); {@code expire} is a deadline after which the caller's APIs are refused, keyed by route or by
 * {@code *} for every route.
 */
public enum QuotaItem {
    API_CNT("api_cnt"),
    PUSH_CNT("push_cnt"),
    EXPIRE("expire");

    private final String wire;

    QuotaItem(String wire) {
        this.wire = wire;
    }

    /** The legacy name: {@code api_cnt}, {@code push_cnt} or {@code expire}. */
    public String wire() {
        return wire;
    }

    /** The item named {@code wire} (case-sensitive), if any. */
    public static Optional<QuotaItem> of(String wire) {
        for (QuotaItem item : values()) {
            if (item.wire.equals(wire)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
