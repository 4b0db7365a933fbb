package org.appmsg.domain.shared;

/** The one shape every entity id has: what the legacy system and the syncing platforms send. */
public final class Ids {

    /** Longest id: what the legacy VARCHAR(64) columns hold. */
    private static final int MAX_LENGTH = 64;

    private Ids() {}

    /** Returns {@code value} if it is a well-formed id, else throws a violation naming {@code what}. */
    public static String check(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new DomainViolation("id.missing", what + " is required");
        }
        if (!wellFormed(value)) {
            throw new DomainViolation("id.malformed",
                    what + " must be 1-64 characters of letters, digits, '.', ':' or '-' (got \"" + Text.clip(value) + "\")");
        }
        return value;
    }

    /**
     * {@code [A-Za-z0-9][A-Za-z0-9.:-]{0,63}}: ids end up inside keys like {@code uid_device@user}, so '_' and '@'
     * are excluded. A loop rather than a regular expression: every id read from storage passes here (a
     * 1,000-member group is 1,000 checks), and the matcher was a measurable share of a group send.
     */
    private static boolean wellFormed(String value) {
        if (value.length() > MAX_LENGTH || !alphanumeric(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!alphanumeric(c) && c != '.' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
