package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.quota.Quota;

/**
 * The legacy {@code POST /app/client/app/syncQuota} (legacy spec 3.10, 13.1): an application the operator granted
 * the permission ({@link ManageQuotaPermissionUseCase}) creates or replaces one quota row of its own customer (a
 * tenant of it, or {@code *}), exactly as the operator's {@code PUT /admin/quotas} would. Any other application is
 * refused; bad input is refused naming the field; a refusal changes nothing.
 */
public interface SyncQuotaUseCase {

    /**
     * The legacy body's {@code quata} fields, as strings: {@code customerId}, {@code tenantId} (a tenant or
     * {@code *}), {@code apiName} (the key: a route, a push type for {@code push_cnt}, a route or empty (every
     * route) for {@code expire}), {@code type} ({@code api_cnt}, {@code push_cnt}, {@code expire}), {@code value}
     * (a count, {@code -1} unlimited; for {@code expire} a deadline {@code yyyy/MM/dd HH:mm:ss} in the customer's
     * zone, or epoch milliseconds) and {@code period} (an addition: {@code total}, {@code month} or {@code day};
     * empty is total, the legacy lifetime totals).
     */
    record Command(Secret token, String customerId, String tenantId, String apiName, String type, String value,
            String period) {
        public Command {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(apiName, "apiName");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(period, "period");
        }
    }

    sealed interface Result {
        /** The row now stored. */
        record Done(Quota quota) implements Result {}

        /** Unknown or disabled token, an application without the permission, or another customer (legacy 65533). */
        record NotPermitted(String reason) implements Result {}

        /** {@code field} (as named in the body, e.g. {@code quata.value}) is wrong (legacy 65534). */
        record Invalid(String field, String message) implements Result {}
    }

    Result sync(Command command);
}
