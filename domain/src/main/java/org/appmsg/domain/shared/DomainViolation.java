package org.appmsg.domain.shared;

/**
 * A rule of the domain was broken, usually by input from outside. {@code code} is stable and
 * safe to show to API clients; the message says what is wrong in words a client developer can act on.
 */
public final class DomainViolation extends RuntimeException {

    private final String code;

    public DomainViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
