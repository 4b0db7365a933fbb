package org.appmsg.domain.org;

import java.util.Objects;
import org.appmsg.domain.user.User;

/** A user as a direct member of one org, with its {@code sort} (its place in the org's member list). */
public record OrgMember(User user, int sort) {
    public OrgMember {
        Objects.requireNonNull(user, "user");
    }
}
