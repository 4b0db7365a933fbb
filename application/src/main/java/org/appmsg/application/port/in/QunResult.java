package org.appmsg.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.Refusal;
import org.appmsg.domain.user.User;

/**
 * What every group use case answers ({@link CreateQunUseCase}, {@link GetQunMembersUseCase},
 * {@link RenameQunUseCase}, {@link AddQunMembersUseCase}, {@link RemoveQunMembersUseCase},
 * {@link SetQunMemberRoleUseCase}, {@link SetQunInviteUseCase}). Shared rather than nested in each: the seven
 * routes answer the same outcomes with the same codes (docs/groups.md).
 */
public sealed interface QunResult {

    /**
     * Done (or nothing to do): the group as it is now and the users of its members in join order (a member whose
     * user is gone is left out), and when the group was created and last changed (the change itself, when this
     * call changed it). After the last member left, {@code qun} has no members.
     */
    record Done(Qun qun, List<User> members, Instant created, Instant updated) implements QunResult {
        public Done {
            Objects.requireNonNull(qun, "qun");
            members = List.copyOf(members);
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(updated, "updated");
        }
    }

    /** The user token is unknown or expired. */
    record Unauthorized() implements QunResult {}

    /**
     * The group, or a listed user, does not exist, or is of another tenant than the caller: one answer for both,
     * so no caller learns what another tenant holds.
     */
    record NotFound(String reason) implements QunResult {}

    /** A group rule said no (not a member, not allowed, full, not in the group, …); nothing changed. */
    record Refused(Refusal reason, String message) implements QunResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
