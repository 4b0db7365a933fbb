package org.appmsg.domain.qun;

/** Why a group operation was refused. Nothing changed and no notice is sent. */
public enum Refusal {
    /** The acting user is not a member of the group (for sending: legacy ret 65538). */
    NOT_MEMBER,
    /** The acting member's role does not allow this (e.g. a plain member renaming or removing). */
    NOT_ALLOWED,
    /** The group would have more than {@link Qun#maxMembers()} members. */
    FULL,
    /** A user to add belongs to another tenant than the group. */
    OTHER_TENANT,
    /** The member an operation is about (e.g. whose role to set) is not in the group. */
    UNKNOWN_MEMBER
}
