package org.appmsg.domain.message;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Where the mid sequence of a new mailbox starts; a mailbox that exists keeps its sequence whatever this says.
 *
 * <p>{@link #ONE}: 1, 2, 3… (a fresh install). {@link #CLOCK}: at the time, in microseconds since the epoch, of
 * the message that creates the mailbox, then one more per entry, for clients that move from the legacy server:
 * those keep a cursor that is a legacy mid (a microsecond timestamp of the legacy comet) and drop every frame at
 * or below it, so a sequence that started at 1 would be dropped for decades. Starting at the clock puts the new
 * sequence above every cursor the legacy server gave out before the mailbox was created here. Mids still grow
 * by exactly one per entry, so live delivery keeps finding the next mid at once.
 *
 * <p>No mid exceeds {@link MailboxEntry#MAX_MID} (2<sup>53</sup> − 1, the largest integer a JavaScript number
 * holds exactly): microseconds reach it in the year 2255.
 */
public enum FirstMid {
    ONE,
    CLOCK;

    /**
     * The first mid of a mailbox created by a message made at {@code created} (by the service's clock): 1, or
     * {@code created} in microseconds, at least 1 and at most {@link MailboxEntry#MAX_MID}.
     */
    public long of(Instant created) {
        Objects.requireNonNull(created, "created");
        if (this == ONE) {
            return 1;
        }
        long seconds = created.getEpochSecond();
        if (seconds > MailboxEntry.MAX_MID / 1_000_000) { // past 2255: also keeps the product below overflow
            return MailboxEntry.MAX_MID;
        }
        long micros = TimeUnit.SECONDS.toMicros(seconds) + created.getNano() / 1_000;
        return Math.clamp(micros, 1, MailboxEntry.MAX_MID);
    }

    /** {@code 1} or {@code clock} (any case), as the setting is written; anything else is refused naming both. */
    public static FirstMid parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "1" -> ONE;
            case "clock" -> CLOCK;
            default -> throw new IllegalArgumentException("must be 1 or clock: '" + text + "'");
        };
    }

    /** As the setting is written: {@code 1} or {@code clock}. */
    public String text() {
        return this == ONE ? "1" : "clock";
    }
}
