package org.appmsg.domain.quota;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The calendar window a count quota limits, in the customer's time zone: the whole lifetime ({@code total}), the
 * current calendar month, or the current calendar day. Usage is kept per local day, so every period is a range
 * of days.
 */
public enum Period {
    TOTAL("total"),
    MONTH("month"),
    DAY("day");

    private final String wire;

    Period(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Period> of(String wire) {
        for (Period period : values()) {
            if (period.wire.equals(wire)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }

    /** The first local day of the window holding {@code today}; {@link LocalDate#MIN}'s stand-in for total. */
    public LocalDate firstDay(LocalDate today) {
        return switch (this) {
            case TOTAL -> FIRST;
            case MONTH -> today.withDayOfMonth(1);
            case DAY -> today;
        };
    }

    /** The earliest day usage can be recorded for: before any deployment of this server. */
    public static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
}
