package org.appmsg.adapter.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;

/**
 * One JSON object of a request body, read field by field with explicit type checks. Every problem
 * becomes a {@link BadRequestException} whose message names the field by its full path
 * ({@code msg.toUserName is required}); a missing or mistyped field never turns into a default.
 * JSON {@code null} counts as absent.
 */
final class JsonFields {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final ObjectNode node;
    private final String path;

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Fields of an object already parsed; {@code path} prefixes the names in error messages. */
    static JsonFields of(ObjectNode node, String path) {
        return new JsonFields(node, path);
    }

    /** Reads the body (at most {@code maxBytes}) as one JSON object. */
    static JsonFields readBody(Context ctx, int maxBytes) {
        JsonFields read = ctx.attribute(BODY_ATTRIBUTE);
        if (read != null) {
            return read;
        }
        read = parseBody(ctx, maxBytes);
        ctx.attribute(BODY_ATTRIBUTE, read);
        return read;
    }

    /**
     * Makes {@code body} the request's body for every later {@link #readBody} (the quota gate's and the route's):
     * for a route whose parameters come as a form or a query, which it turns into the JSON body of its JSON twin.
     */
    static void useAsBody(Context ctx, JsonFields body) {
        ctx.attribute(BODY_ATTRIBUTE, body);
    }

    /**
     * Where {@link #readBody} keeps the parsed body of a request: the stream can be read once, and a wrapper (the
     * quota gate) and the route both read it. A parsed body is immutable, so sharing it is safe.
     */
    private static final String BODY_ATTRIBUTE = "appmsg.body";

    private static JsonFields parseBody(Context ctx, int maxBytes) {
        byte[] body = readBounded(ctx, maxBytes);
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new BadRequestException("request body is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + Text.clip(String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("")));
        } catch (IOException e) {
            throw new BadRequestException("request body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("request body must be a JSON object");
        }
        return new JsonFields((ObjectNode) root, "");
    }

    /**
     * The body as UTF-8 text, at most {@code maxBytes} (else refused as malformed): for the few legacy routes whose
     * body is not JSON (a form, {@code key=…}).
     */
    static String readText(Context ctx, int maxBytes) {
        return new String(readBounded(ctx, maxBytes), StandardCharsets.UTF_8);
    }

    /** This object as compact JSON text re-serialised by Jackson (never the client's own bytes). */
    String json() {
        return compact(node);
    }

    private static byte[] readBounded(Context ctx, int maxBytes) {
        String tooLarge = "request body is larger than " + maxBytes + " bytes";
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw new BadRequestException(tooLarge);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new BadRequestException(tooLarge);
            }
            return body;
        } catch (IOException e) {
            throw new BadRequestException("request body could not be read");
        }
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** The field's node, or empty when absent or null. */
    Optional<JsonNode> optional(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    JsonNode required(String field) {
        return optional(field).orElseThrow(() -> new BadRequestException(path(field) + " is required"));
    }

    JsonFields object(String field) {
        return asObject(field, required(field));
    }

    Optional<JsonFields> optionalObject(String field) {
        return optional(field).map(value -> asObject(field, value));
    }

    /** An optional object as compact JSON text re-serialised by Jackson (never the client's own bytes). */
    Optional<String> optionalObjectJson(String field) {
        return optionalObject(field).map(o -> compact(o.node));
    }

    private JsonFields asObject(String field, JsonNode value) {
        if (!value.isObject()) {
            throw new BadRequestException(path(field) + " must be an object");
        }
        return new JsonFields((ObjectNode) value, path(field));
    }

    String string(String field) {
        return asString(field, required(field));
    }

    /** The string, or {@code ""} when absent. */
    String optionalString(String field) {
        return optional(field).map(value -> asString(field, value)).orElse("");
    }

    private String asString(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw new BadRequestException(path(field) + " must be a string");
        }
        return value.textValue();
    }

    /** A required string turned into a domain value; the value's complaint is prefixed with the path. */
    <T> T parsed(String field, Function<String, T> parser) {
        String text = string(field);
        try {
            return parser.apply(text);
        } catch (DomainViolation e) {
            throw new BadRequestException(path(field) + ": " + e.getMessage());
        }
    }

    /**
     * Runs a constructor of a domain value or command built from this object's fields; a
     * {@link DomainViolation} (whose message starts with the field's name) is prefixed with this object's path.
     */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (DomainViolation e) {
            throw new BadRequestException(path("") + e.getMessage());
        }
    }

    int integer(String field) {
        JsonNode value = integral(field, required(field));
        if (!value.canConvertToInt()) {
            throw new BadRequestException(path(field) + " is out of range");
        }
        return value.intValue();
    }

    /** A required integer within {@code min..max}. */
    int integer(String field, int min, int max) {
        return inRange(field, integer(field), min, max);
    }

    /** An integer, or {@code absent} when the field is absent. */
    int optionalInteger(String field, int absent) {
        return optionalInteger(field, absent, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** An integer within {@code min..max}, or {@code absent} when the field is absent. */
    int optionalInteger(String field, int absent, int min, int max) {
        return optional(field).isEmpty() ? absent : integer(field, min, max);
    }

    private int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new BadRequestException(path(field) + (max == Integer.MAX_VALUE
                    ? " must be " + min + " or more" : " must be between " + min + " and " + max));
        }
        return value;
    }

    /** A non-negative integer, or {@code absent} when the field is absent. */
    long optionalNonNegativeLong(String field, long absent) {
        Optional<JsonNode> value = optional(field);
        if (value.isEmpty()) {
            return absent;
        }
        JsonNode number = integral(field, value.get());
        if (!number.canConvertToLong() || number.longValue() < 0) {
            throw new BadRequestException(path(field) + " must be a non-negative integer");
        }
        return number.longValue();
    }

    /**
     * The field as an integral number. A string of ASCII digits ({@code "102"}) counts as that number: legacy
     * appmsgsrv accepted one wherever it expected a number, and its integration guide and Java SDK send them.
     * Anything else in a string (a sign, a space, a fraction) is still refused.
     */
    private JsonNode integral(String field, JsonNode value) {
        if (value.isTextual() && digits(value.textValue())) {
            return BigIntegerNode.valueOf(new BigInteger(value.textValue()));
        }
        if (!value.isNumber()) {
            throw new BadRequestException(path(field) + " must be a number");
        }
        if (!value.isIntegralNumber()) {
            throw new BadRequestException(path(field) + " must be an integer");
        }
        return value;
    }

    private static boolean digits(String text) {
        if (text.isEmpty() || text.length() > 19) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A required JSON {@code true} or {@code false} (not a number or a string). */
    boolean bool(String field) {
        JsonNode value = required(field);
        if (!value.isBoolean()) {
            throw new BadRequestException(path(field) + " must be true or false");
        }
        return value.booleanValue();
    }

    /** {@link #bool}, or {@code absent} when the field is absent. */
    boolean optionalBool(String field, boolean absent) {
        return optional(field).isEmpty() ? absent : bool(field);
    }

    /**
     * The one reader of typed lists ({@code sessions}, {@code toUserNames}, {@code memberList}, …): a required JSON
     * array whose every item {@code item} turns into a value. An item of the wrong type or value is refused with
     * its path ({@code sessions[1] must be a string}); nothing is skipped or coerced.
     */
    <T> List<T> list(String field, Item<T> item) {
        JsonNode array = required(field);
        if (!array.isArray()) {
            throw new BadRequestException(path(field) + " must be an array of " + item.plural());
        }
        List<T> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(item.read(array.get(i), path(field) + "[" + i + "]"));
        }
        return out;
    }

    /** {@link #list}, or empty when the field is absent (an empty array is present: an empty list). */
    <T> Optional<List<T>> optionalList(String field, Item<T> item) {
        return optional(field).map(present -> list(field, item));
    }

    /** Refuses a field that belongs elsewhere, rather than ignoring it and doing what the client did not mean. */
    void notHere(String field, String where) {
        if (optional(field).isPresent()) {
            throw new BadRequestException(path(field) + " is not read here: send " + field + " " + where);
        }
    }

    /** How one item of a list is read: its node and its path ({@code field[i]}) give the value, or a refusal. */
    interface Item<T> {
        T read(JsonNode item, String path);

        /** What the list holds, for the message when the field is not an array at all. */
        String plural();

        /** A string item, turned into a domain value by {@code parser} (whose complaint is prefixed with the path). */
        static <T> Item<T> text(String plural, Function<String, T> parser) {
            return new Item<>() {
                @Override
                public T read(JsonNode item, String path) {
                    if (!item.isTextual()) {
                        throw new BadRequestException(path + " must be a string");
                    }
                    try {
                        return parser.apply(item.textValue());
                    } catch (DomainViolation e) {
                        throw new BadRequestException(path + ": " + e.getMessage());
                    }
                }

                @Override
                public String plural() {
                    return plural;
                }
            };
        }

        /** An object item, read field by field by {@code reader} with its path as the prefix. */
        static <T> Item<T> object(String plural, Function<JsonFields, T> reader) {
            return new Item<>() {
                @Override
                public T read(JsonNode item, String path) {
                    if (!item.isObject()) {
                        throw new BadRequestException(path + " must be an object");
                    }
                    return reader.apply(new JsonFields((ObjectNode) item, path));
                }

                @Override
                public String plural() {
                    return plural;
                }
            };
        }
    }

    /** Compact JSON text of a node as Jackson re-serialises it (never the client's own bytes). */
    static String compact(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serialises", e);
        }
    }
}
