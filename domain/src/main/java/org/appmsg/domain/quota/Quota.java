package org.appmsg.domain.quota;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.appmsg.domain.shared.DomainViolation;

/**
 * One quota row the operator sets. For {@code api_cnt} the key is a route ({@code /app/client/device/login}), for
 * {@code push_cnt} a push type ({@code @user}, {@code @qun}, {@code @app}, {@code @org}, {@code @tenant}), for
 * {@code expire} a route or {@code *} (every route). {@code value} is, for counts, the most calls or pushes per
 * period ({@code -1}: unlimited; no row at all is unlimited too), and for {@code expire} the deadline in epoch
 * milliseconds (period {@code total}).
 */
public record Quota(QuotaScope scope, QuotaItem item, String key, Period period, long value) {

    /** Every route, for an {@code expire} row. */
    public static final String ALL_ROUTES = "*";
    public static final long UNLIMITED = -1;

    private static final Pattern ROUTE = Pattern.compile("/[A-Za-z0-9/_.-]{1,126}");
    private static final Pattern PUSH_TYPE = Pattern.compile("@(user|qun|app|org|tenant)");

    public Quota {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(period, "period");
        switch (item) {
            case API_CNT -> {
                require(ROUTE.matcher(key).matches(), "quota.key", "key of an api_cnt quota must be a route");
                require(value >= UNLIMITED, "quota.value", "value must be -1 (unlimited) or more");
            }
            case PUSH_CNT -> {
                require(PUSH_TYPE.matcher(key).matches(), "quota.key",
                        "key of a push_cnt quota must be @user, @qun, @app, @org or @tenant");
                require(value >= UNLIMITED, "quota.value", "value must be -1 (unlimited) or more");
            }
            case EXPIRE -> {
                require(key.equals(ALL_ROUTES) || ROUTE.matcher(key).matches(), "quota.key",
                        "key of an expire quota must be * or a route");
                require(period == Period.TOTAL, "quota.period", "period of an expire quota must be total");
                require(value > 0, "quota.value", "value of an expire quota must be a deadline in epoch millis");
            }
        }
    }

    private static void require(boolean ok, String code, String message) {
        if (!ok) {
            throw new DomainViolation(code, message);
        }
    }

    public boolean unlimited() {
        return item != QuotaItem.EXPIRE && value == UNLIMITED;
    }

    /** An {@code expire} row's deadline. */
    public Instant deadline() {
        return Instant.ofEpochMilli(value);
    }

    /** How the row is named to callers: {@code push_cnt @user per day}. */
    public String label() {
        return item.wire() + " " + key + (item == QuotaItem.EXPIRE ? "" : " per " + period.wire())
                + " of " + scope.customer() + "/" + scope.tenantWire();
    }
}
