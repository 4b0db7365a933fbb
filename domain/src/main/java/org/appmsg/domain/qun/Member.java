package org.appmsg.domain.qun;

import java.util.Objects;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.shared.UserId;

/**
 * One member of a group. {@code nickname} is the user's current display name (the service loads it with the
 * membership; it is not group-specific). {@code joinSeq} orders members by when they joined: smaller joined
 * earlier; the longest-standing member is the one with the smallest {@code joinSeq} (ties: smaller user id).
 * It is assigned by {@link Qun} and stored with the membership row.
 */
public record Member(UserId user, String nickname, Role role, long joinSeq) {

    public Member {
        Objects.requireNonNull(user, "user");
        Text.bounded("nickName", nickname, 128);
        Objects.requireNonNull(role, "role");
        if (joinSeq < 0) {
            throw new DomainViolation("qun.join_seq_negative", "joinSeq must be 0 or more, not " + joinSeq);
        }
    }

    /** The nickname, or the user id when the nickname is empty or blank: what notice texts show. */
    public String displayName() {
        return displayName(nickname, user);
    }

    public Member withRole(Role newRole) {
        return new Member(user, nickname, newRole, joinSeq);
    }

    static String displayName(String nickname, UserId user) {
        return nickname.isBlank() ? user.value() : nickname;
    }
}
