package org.appmsg.domain.message;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One field of a message type's {@code objectContent} schema, as data: where it sits ({@code path}, dotted
 * and relative to {@code objectContent}, e.g. {@code responseUpload.size}), what it must hold, and whether
 * it must be there. Whoever reads the JSON walks the path, checks the JSON {@link Shape} and then asks
 * {@link Value#accepts(String)} or {@link Value#accepts(BigDecimal)}; fields the schema does not name are
 * free and travel unchanged.
 */
public record FieldRule(String path, Value value, boolean required) {

    private static final Pattern PATH = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*");

    public FieldRule {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("a field path is dotted names, got " + path);
        }
    }

    static FieldRule required(String path, Value value) {
        return new FieldRule(path, value, true);
    }

    static FieldRule optional(String path, Value value) {
        return new FieldRule(path, value, false);
    }

    /** The JSON kind a value must have before its content is looked at. */
    public enum Shape { OBJECT, STRING, NUMBER }

    /** What a field may hold. {@link #expectation()} completes "… must be", e.g. "an integer ≥ 0". */
    public enum Value {
        /** A JSON object (its own fields have their own rules). */
        OBJECT(Shape.OBJECT, "an object"),
        /** Any string; only the overall size of {@code objectContent} bounds it. */
        STRING(Shape.STRING, "a string"),
        /** A file-store id: not blank, at most {@value MessageType#MAX_NAME} characters. */
        ID(Shape.STRING, "a non-empty string of at most " + MessageType.MAX_NAME + " characters"),
        /** A file name: not blank, at most {@value MessageType#MAX_NAME} characters, no control characters. */
        FILE_NAME(Shape.STRING, "a non-empty string of at most " + MessageType.MAX_NAME
                + " characters without control characters"),
        /**
         * Where a stored file can be fetched: an http(s) URL, or the legacy scheme-less {@code host:port/path}
         * that the legacy file store (WeedFS) handed out; at most {@value MessageType#MAX_URL} characters.
         */
        FILE_URL(Shape.STRING, "an http(s) URL or host:port/path"),
        /** An absolute http or https URL with a host, at most {@value MessageType#MAX_URL} characters. */
        WEB_URL(Shape.STRING, "an http(s) URL"),
        /** A whole number written without a fraction or exponent, 0 to 2^63-1 (file sizes in bytes). */
        COUNT(Shape.NUMBER, "an integer ≥ 0"),
        /** Any number ≥ 0 (pixels, seconds). */
        MEASURE(Shape.NUMBER, "a number ≥ 0");

        private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

        private final Shape shape;
        private final String expectation;

        Value(Shape shape, String expectation) {
            this.shape = shape;
            this.expectation = expectation;
        }

        public Shape shape() {
            return shape;
        }

        public String expectation() {
            return expectation;
        }

        /** Whether a string value is acceptable; always false for a value that is not a {@link Shape#STRING}. */
        public boolean accepts(String text) {
            Objects.requireNonNull(text, "text");
            return switch (this) {
                case STRING -> true;
                case ID -> !text.isBlank() && text.length() <= MessageType.MAX_NAME;
                case FILE_NAME -> !text.isBlank() && text.length() <= MessageType.MAX_NAME && !hasControl(text);
                case FILE_URL -> isWebUrl(text) || isSchemeLessFileUrl(text);
                case WEB_URL -> isWebUrl(text);
                case OBJECT, COUNT, MEASURE -> false;
            };
        }

        /**
         * Whether a number is acceptable; always false for a value that is not a {@link Shape#NUMBER}. The
         * scale is the one written: {@code 12} is an integer, {@code 12.0} and {@code 1e3} are not.
         */
        public boolean accepts(BigDecimal number) {
            Objects.requireNonNull(number, "number");
            return switch (this) {
                case COUNT -> number.signum() >= 0 && number.scale() <= 0 && number.compareTo(LONG_MAX) <= 0;
                case MEASURE -> number.signum() >= 0;
                case OBJECT, STRING, ID, FILE_NAME, FILE_URL, WEB_URL -> false;
            };
        }
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /**
     * No whitespace, control or invisible formatting characters (bidi overrides): a URL a client shows or
     * opens must read as what it is. Non-ASCII letters in the path or query are fine; a host must be ASCII
     * (punycode).
     */
    private static boolean plainText(String text) {
        return !text.isEmpty() && text.length() <= MessageType.MAX_URL
                && text.codePoints().noneMatch(c -> c <= 0x20 || Character.isISOControl(c)
                        || Character.isWhitespace(c) || Character.isSpaceChar(c)
                        || Character.getType(c) == Character.FORMAT);
    }

    private static boolean isWebUrl(String text) {
        if (!plainText(text)) {
            return false;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@code host[:port]/path} with a non-empty path: read as if it were {@code http://} + text. */
    private static boolean isSchemeLessFileUrl(String text) {
        if (!plainText(text) || text.contains("://")) {
            return false;
        }
        try {
            URI uri = new URI("http://" + text);
            String path = uri.getRawPath();
            return uri.getHost() != null && uri.getRawUserInfo() == null
                    && path != null && path.length() > 1;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
