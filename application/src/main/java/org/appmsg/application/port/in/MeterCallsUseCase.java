package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.quota.UsageCount;

/**
 * The quota gate every counted route passes through before it acts: {@code expire} and {@code api_cnt} for the
 * route, and for a push {@code push_cnt} for its push type. An admitted call is counted at once; when the call then
 * fails (any answer but success) the caller {@link #refund}s its ticket, so only calls that did something are
 * counted. A caller the gate cannot identify (bad token, unknown user) is admitted uncounted: the route itself
 * refuses it.
 */
public interface MeterCallsUseCase {

    /**
     * One call of {@code route}. The caller is the application of {@code appToken}, the user of {@code userToken},
     * or the user signing in as {@code loginName}, whichever is given. {@code pushType} ({@code @user}, …) is
     * given for a push.
     */
    record Call(String route, Optional<Secret> appToken, Optional<Secret> userToken, Optional<String> loginName,
            Optional<String> pushType) {
        public Call {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(appToken, "appToken");
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(loginName, "loginName");
            Objects.requireNonNull(pushType, "pushType");
        }
    }

    /** What was counted for an admitted call: what {@link #refund} takes back. */
    record Ticket(List<UsageCount> counts) {
        public static final Ticket NONE = new Ticket(List.of());

        public Ticket {
            counts = List.copyOf(counts);
        }
    }

    sealed interface Result {
        /** Go ahead; refund {@code ticket} if the call then fails. */
        record Admitted(Ticket ticket) implements Result {}

        /** Over an {@code api_cnt} or past an {@code expire} quota (legacy 65536); {@code message} names it. */
        record OverApiQuota(String message) implements Result {}

        /** Over a {@code push_cnt} quota (legacy 65537); {@code message} names it. */
        record OverPushQuota(String message) implements Result {}
    }

    /**
     * What this node counted since it started, per customer and counter ({@code api_cnt}, {@code push_cnt},
     * {@code recipients}), net of what was taken back: for {@code /metrics}. At most {@link #MAX_CUSTOMER_LABELS}
     * customers are named; any further ones are summed under {@link #OTHER_CUSTOMERS}, so the label set stays
     * bounded whatever is provisioned.
     */
    record CustomerTotal(String customer, String counter, long count) {
        public CustomerTotal {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(counter, "counter");
        }
    }

    int MAX_CUSTOMER_LABELS = 1_000;

    /** The customer label of the customers beyond {@link #MAX_CUSTOMER_LABELS}; not a valid customer id. */
    String OTHER_CUSTOMERS = "_other";

        Result admit(Call call);

    /** This node's counts since it started, ordered by customer and counter. */
    List<CustomerTotal> totals();

    /** Takes back what {@code ticket} counted; idempotent per ticket is not promised: refund once. */
    void refund(Ticket ticket);
}
