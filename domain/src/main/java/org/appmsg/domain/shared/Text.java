package org.appmsg.domain.shared;

/** Small checks for free text that arrives from clients. */
public final class Text {

    private Text() {}

    /** Returns {@code value}, or throws if it is null or longer than {@code max} characters. */
    public static String bounded(String what, String value, int max) {
        if (value == null) {
            throw new DomainViolation("text.missing", what + " is required");
        }
        if (value.length() > max) {
            throw new DomainViolation("text.too_long", what + " is longer than " + max + " characters");
        }
        return value;
    }

    /** Like {@link #bounded} but also refuses an empty or blank value. */
    public static String required(String what, String value, int max) {
        bounded(what, value, max);
        if (value.isBlank()) {
            throw new DomainViolation("text.missing", what + " must not be empty");
        }
        return value;
    }

    /** A short, safe excerpt of untrusted input for an error message. */
    public static String clip(String value) {
        String v = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return v.replaceAll("[\\p{Cntrl}\"]", "?");
    }
}
