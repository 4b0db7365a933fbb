package org.appmsg.domain.message;

import static org.appmsg.domain.message.FieldRule.optional;
import static org.appmsg.domain.message.FieldRule.required;

import java.util.List;
import java.util.Optional;
import org.appmsg.domain.shared.DomainViolation;

/**
 * The {@code msgType} catalogue (R19; docs/messages.md): what each number means and what its
 * {@code objectContent} must hold, as data. The server checks a message on the way in against its type
 * and then carries {@code content} and {@code objectContent} to clients unchanged; it never rewrites them.
 *
 * <p>1 text and 2 file are the legacy server's; 51 and 1001 are sent by the server only. 3 image, 4 voice
 * and 5 link are this server's definition: the legacy server carried them opaquely and their numbers were
 * never written down (legacy spec §22). Every other number from 0 to 2^31-1 is a {@link Custom} type that
 * applications define for themselves and the server carries without looking inside.
 */
public sealed interface MessageType permits MessageType.Known, MessageType.Custom {

    /** Longest file id and file name. */
    int MAX_NAME = 255;
    /** Longest URL. */
    int MAX_URL = 2048;

    /** The {@code msgType} number on the wire. */
    int code();

    /** A short name for error messages and docs, e.g. "file". */
    String label();

    /** Whether {@code content} must hold visible text (not empty or blank). */
    boolean contentRequired();

    /** The fields of {@code objectContent} this type constrains, outer objects before their fields. */
    List<FieldRule> objectContent();

    /** Why a client may not send this type, or empty when it may. */
    Optional<String> reservedFor();

    /** Whether {@code objectContent} must be present (some field of it is required). */
    default boolean objectContentRequired() {
        return objectContent().stream().anyMatch(FieldRule::required);
    }

    /**
     * Whether a message of this type refers to an uploaded file ({@code objectContent.responseUpload} is
     * required): the server records its file link (R20, docs/messages.md).
     */
    default boolean carriesFile() {
        return objectContent().stream().anyMatch(r -> r.required() && r.path().equals("responseUpload"));
    }

    /** The catalogue entry for {@code code}, or a {@link Custom} type. */
    static MessageType of(int code) {
        if (code < 0) {
            throw new DomainViolation("message.type_negative",
                    "msgType must be 0 or more (" + code + " is negative)");
        }
        return Known.byCode(code).<MessageType>map(k -> k).orElseGet(() -> new Custom(code));
    }

    /** Like {@link #of(int)}, and refuses the types only the server sends. */
    static MessageType sentByClient(int code) {
        MessageType type = of(code);
        type.reservedFor().ifPresent(why -> {
            throw new DomainViolation("message.type_reserved", "msgType " + code + " is reserved for " + why);
        });
        return type;
    }

    /** The types with a meaning and, for most, a schema. */
    enum Known implements MessageType {
        /** {@code content} is the text; {@code objectContent} is optional and free. */
        TEXT(1, "text", true, List.of(), null),
        /** A file uploaded beforehand to the file store; legacy clients send exactly this. */
        FILE(2, "file", false, Uploads.RESPONSE_UPLOAD, null),
        /** An uploaded picture, optionally with its size in pixels. */
        IMAGE(3, "image", false, Uploads.with(
                optional("width", FieldRule.Value.MEASURE),
                optional("height", FieldRule.Value.MEASURE)), null),
        /** An uploaded voice clip with its length in seconds. */
        VOICE(4, "voice", false, Uploads.with(required("duration", FieldRule.Value.MEASURE)), null),
        /** A web link with an optional preview. */
        LINK(5, "link", false, List.of(
                required("url", FieldRule.Value.WEB_URL),
                optional("title", FieldRule.Value.STRING),
                optional("description", FieldRule.Value.STRING),
                optional("thumbUrl", FieldRule.Value.WEB_URL)), null),
        /** Group (qun) system notice; {@code content} is the notice text. */
        GROUP_NOTICE(51, "group notice", false, List.of(), "server notices"),
        /** Client-version information (legacy {@code checkUpdate} answers). */
        CLIENT_VERSION(1001, "client version", false, List.of(), "client-version information sent by the server");

        private final int code;
        private final String label;
        private final boolean contentRequired;
        private final List<FieldRule> objectContent;
        private final String reservedFor;

        Known(int code, String label, boolean contentRequired, List<FieldRule> objectContent, String reservedFor) {
            this.code = code;
            this.label = label;
            this.contentRequired = contentRequired;
            this.objectContent = List.copyOf(objectContent);
            this.reservedFor = reservedFor;
        }

        static Optional<Known> byCode(int code) {
            for (Known k : values()) {
                if (k.code == code) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }

        @Override
        public int code() {
            return code;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public boolean contentRequired() {
            return contentRequired;
        }

        @Override
        public List<FieldRule> objectContent() {
            return objectContent;
        }

        @Override
        public Optional<String> reservedFor() {
            return Optional.ofNullable(reservedFor);
        }
    }

    /** An application-defined type: no rules, carried opaquely. Never one of the {@link Known} numbers. */
    record Custom(int code) implements MessageType {

        public Custom {
            if (code < 0) {
                throw new DomainViolation("message.type_negative", "msgType must be 0 or more");
            }
            if (Known.byCode(code).isPresent()) {
                throw new IllegalArgumentException("msgType " + code + " is in the catalogue, not custom");
            }
        }

        @Override
        public String label() {
            return "custom";
        }

        @Override
        public boolean contentRequired() {
            return false;
        }

        @Override
        public List<FieldRule> objectContent() {
            return List.of();
        }

        @Override
        public Optional<String> reservedFor() {
            return Optional.empty();
        }
    }
}
