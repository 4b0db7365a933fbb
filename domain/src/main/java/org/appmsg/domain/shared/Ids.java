package org.appmsg.domain.shared;

import java.util.regex.Pattern;

/** The one shape every entity id has: what the legacy system and the syncing platforms send. */
public final class Ids {

    /** Ids end up inside keys like {@code uid_device@user}, so '_' and '@' are excluded. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,63}");

    private Ids() {}

    /** Returns {@code value} if it is a well-formed id, else throws a violation naming {@code what}. */
    public static String check(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new DomainViolation("id.missing", what + " is required");
        }
        if (!ID.matcher(value).matches()) {
            throw new DomainViolation("id.malformed",
                    what + " must be 1-64 characters of letters, digits, '.', ':' or '-' (got \"" + Text.clip(value) + "\")");
        }
        return value;
    }
}
