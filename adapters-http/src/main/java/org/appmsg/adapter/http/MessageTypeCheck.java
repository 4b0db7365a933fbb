package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.message.FieldRule;
import org.appmsg.domain.message.MessageType;
import org.appmsg.domain.shared.DomainViolation;

/**
 * Applies the {@link MessageType} catalogue (docs/messages.md) to a message as it arrives: the type must be
 * one a client may send, and {@code content} and {@code objectContent} must satisfy that type's rules. The
 * first problem becomes a {@link BadRequestException} naming the exact field
 * ({@code msg.objectContent.responseUpload.size must be an integer ≥ 0}). Nothing is changed: the caller
 * passes on {@code objectContent} as it parsed it. Fields a type does not name are not looked at.
 *
 * <p>Shared by every route that accepts a message from outside (device push, application push).
 */
final class MessageTypeCheck {

    private MessageTypeCheck() {}

    /**
     * @param msgType the message's {@code msgType}
     * @param holder the JSON object holding {@code objectContent} (absent or JSON null means none)
     * @param content the message's {@code content} text
     * @param path the path of the JSON object that holds these fields ({@code "msg"} for device push,
     *     {@code ""} for a top-level object)
     * @return the message's type
     * @throws BadRequestException when the message does not satisfy its type (legacy 65534)
     */
    static MessageType check(int msgType, JsonFields holder, String content, String path) {
        Optional<JsonNode> objectContent = holder.optional("objectContent");
        MessageType type;
        try {
            type = MessageType.sentByClient(msgType);
        } catch (DomainViolation e) {
            // the domain's message starts with "msgType"; put the object's path in front of it
            throw new BadRequestException(path.isEmpty() ? e.getMessage() : path + "." + e.getMessage());
        }
        String forType = " for msgType " + type.code() + " (" + type.label() + ")";
        if (type.contentRequired() && content.isBlank()) {
            throw new BadRequestException(at(path, "content") + " must not be empty" + forType);
        }
        String objectPath = at(path, "objectContent");
        if (objectContent.isPresent() && !objectContent.get().isObject()) {
            throw new BadRequestException(objectPath + " must be an object");
        }
        if (objectContent.isEmpty()) {
            if (type.objectContentRequired()) {
                throw new BadRequestException(objectPath + " is required" + forType);
            }
            return type;
        }
        for (FieldRule rule : type.objectContent()) {
            apply(rule, objectContent.get(), objectPath, forType);
        }
        return type;
    }

    /**
     * The uploaded file of a message that {@link #check} accepted, when its type carries one (msgType 2, 3, 4):
     * read from {@code objectContent.responseUpload}, which the check has validated, so that the use case can
     * record the file link (R20) without parsing JSON.
     */
    static Optional<FileUpload> file(MessageType type, JsonFields holder) {
        if (!type.carriesFile()) {
            return Optional.empty();
        }
        JsonNode upload = holder.optional("objectContent").orElseThrow().get("responseUpload");
        return Optional.of(new FileUpload(upload.get("fid").textValue(), upload.get("fileName").textValue(),
                upload.get("fileUrl").textValue(), upload.get("size").longValue()));
    }

    private static void apply(FieldRule rule, JsonNode root, String objectPath, String forType) {
        JsonNode node = root;
        String where = objectPath;
        for (String name : rule.path().split("\\.")) {
            where = at(where, name);
            JsonNode child = node.isObject() ? node.get(name) : null;
            if (child == null || child.isNull()) {
                if (rule.required()) {
                    throw new BadRequestException(where + " is required" + forType);
                }
                return;
            }
            node = child;
        }
        if (!accepts(rule.value(), node)) {
            throw new BadRequestException(where + " must be " + rule.value().expectation());
        }
    }

    private static boolean accepts(FieldRule.Value value, JsonNode node) {
        return switch (value.shape()) {
            case OBJECT -> node.isObject();
            case STRING -> node.isTextual() && value.accepts(node.textValue());
            case NUMBER -> node.isNumber() && finite(node) && value.accepts(decimal(node));
        };
    }

    /** A double that overflowed while parsing (1e400) is no number a client meant. */
    private static boolean finite(JsonNode node) {
        return !node.isFloatingPointNumber() || node.isBigDecimal() || Double.isFinite(node.doubleValue());
    }

    /** The number with the scale it was written with: {@code 12} scale 0, {@code 12.0} scale 1. */
    private static BigDecimal decimal(JsonNode node) {
        return node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue();
    }

    private static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
