package org.appmsg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a ladder step passes: every message of the measured window was sent on schedule (none left unsent), none
 * was refused or failed, every copy arrived before the drain ended (zero loss), and the delivery p99 is at most
 * the limit (100 ms by default, PRODUCT.md §5). A step that measured nothing does not pass.
 */
public record LadderPolicy(double p99LimitMs) {

    public static final LadderPolicy DEFAULT = new LadderPolicy(100);

    /** Whether a step passed, and if not, every reason why, in words. */
    public record Verdict(boolean passed, List<String> failures) {
        public Verdict {
            failures = List.copyOf(failures);
        }
    }

    public Verdict judge(StepResult r) {
        List<String> failures = new ArrayList<>();
        if (r.messages() == 0 || r.delivery().count() == 0) {
            failures.add("nothing measured");
        }
        if (r.unsent() > 0) {
            failures.add(r.unsent() + " messages not sent: the sender fell behind its schedule");
        }
        if (r.refused() > 0) {
            failures.add(r.refused() + " requests refused");
        }
        if (r.failed() > 0) {
            failures.add(r.failed() + " requests failed");
        }
        if (r.lostFrames() > 0) {
            failures.add(r.lostFrames() + " frames lost (" + r.lostMessages() + " messages)");
        }
        if (r.delivery().p99() > p99LimitMs) {
            failures.add(String.format(Locale.ROOT, "delivery p99 %.1f ms > %.0f ms", r.delivery().p99(), p99LimitMs));
        }
        return new Verdict(failures.isEmpty(), failures);
    }
}
