package org.appmsg.application.port.out;

import java.time.Instant;
import org.appmsg.domain.shared.UserId;

/**
 * The push rights an operator grants users (issue #5). Today there is one, {@code broadcast}: a device push to
 * {@code {orgId}@org} or {@code {tenantId}@tenant}. No user has it until it is granted (the legacy server let
 * every user broadcast, legacy 7.2). The store does not check that the user exists: its callers do.
 *
 * <p>Thread-safety: all methods may be called from any thread; a change is seen by every later read, on any
 * node. Failures surface as {@link StorageUnavailableException}; then the call changed nothing.
 */
public interface PushPermissions {

    /** Whether the user may push to {@code @org} and {@code @tenant} names; false for a user never granted it. */
    boolean mayBroadcast(UserId user);

    /**
     * Grants ({@code broadcast} true) or revokes the broadcast permission, {@code at} being the time of the
     * change. Idempotent; of concurrent calls for one user, one wins whole.
     */
    void setBroadcast(UserId user, boolean broadcast, Instant at);
}
