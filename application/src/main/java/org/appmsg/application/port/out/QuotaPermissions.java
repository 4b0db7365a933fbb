package org.appmsg.application.port.out;

import java.time.Instant;
import org.appmsg.domain.shared.AppId;

/**
 * Which applications the operator lets set their customer's quotas through the legacy
 * {@code POST /app/client/app/syncQuota}. No application may until it is granted: a tenant must never be able to
 * raise its own quota on its own (a legacy defect). The store does not check that the application exists: its
 * callers do.
 *
 * <p>Thread-safety: any thread; a change is seen by every later read, on any node. Failures surface as
 * {@link StorageUnavailableException}; then the call changed nothing.
 */
public interface QuotaPermissions {

    /** Whether the application may set quotas; false for one never granted it. */
    boolean maySetQuotas(AppId application);

    /** Grants or revokes it, {@code at} being the time of the change. Idempotent; of concurrent calls one wins. */
    void setMaySetQuotas(AppId application, boolean granted, Instant at);
}
