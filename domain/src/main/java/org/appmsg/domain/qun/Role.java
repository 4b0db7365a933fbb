package org.appmsg.domain.qun;

import org.appmsg.domain.shared.DomainViolation;

/**
 * A member's role in a group. A group with members has exactly one {@link #OWNER}. Owner and admins are the
 * group's managers: they may rename it and remove others (an admin only plain members).
 *
 * <p>{@link #code()} is the number stored in {@code qun_user.role} (legacy comment: 0 owner, 1 admin, 2 member;
 * the legacy code always wrote 0, see docs/groups.md for loading legacy rows).
 */
public enum Role {
    OWNER(0),
    ADMIN(1),
    MEMBER(2);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Role ofCode(int code) {
        for (Role r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new DomainViolation("qun.role_unknown", "role must be 0 (owner), 1 (admin) or 2 (member), not " + code);
    }

    /** Owner or admin: may rename the group and remove others. */
    public boolean manages() {
        return this != MEMBER;
    }

    /** Whether a member with this role may remove a member with role {@code target}. */
    public boolean mayRemove(Role target) {
        return switch (this) {
            case OWNER -> target != OWNER;
            case ADMIN -> target == MEMBER;
            case MEMBER -> false;
        };
    }
}
