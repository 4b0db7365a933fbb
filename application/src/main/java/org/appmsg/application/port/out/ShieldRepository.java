package org.appmsg.application.port.out;

import java.util.Collection;
import java.util.Set;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.UserId;

/**
 * Which users shield (block) which applications' messages (legacy {@code shield_msg} with type 1, 3.9). A user
 * who shields an application receives nothing from that application's pushes. Shielding and unshielding are
 * idempotent. Failures surface as {@link StorageUnavailableException}. Thread-safe.
 */
public interface ShieldRepository {

    /** Returns false (and changes nothing, the first memo stays) when the user already shields the application. */
    boolean shield(UserId user, AppId app, String memo);

    /** Returns false when there was nothing to remove. */
    boolean unshield(UserId user, AppId app);

    boolean isShielded(UserId user, AppId app);

    /**
     * Those of {@code among} who shield {@code app}: one question for a whole batch of recipients (callers pass
     * at most a few thousand users at a time).
     */
    Set<UserId> shieldersOf(AppId app, Collection<UserId> among);
}
