package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;
import org.appmsg.application.port.in.LoginUseCase;

/**
 * The legacy web chat page's JSONP routes (legacy §3.11, §7.3), any method, parameters in the query or a form body,
 * answered as {@code <callbackparam> ( <json> )} and a newline ({@link Envelope#WEB_CHAT}), or as plain JSON without a
 * {@code callbackparam}:
 *
 * <ul>
 *   <li>{@code /app/client/appweb/login}: {@code baseRequest[uid]} (or, without it, {@code userName}: login name or
 *       e-mail), {@code password}, {@code baseRequest[deviceType]}, {@code baseRequest[deviceID]} → the answer of
 *       {@code /app/client/device/login}: {@code uid}, {@code token}, {@code member}, never a password. The password is
 *       verified as on the device login, with its throttle ({@link LoginUseCase}); the legacy route compared it
 *       verbatim and then wrote its answer only to the log, so the page never got one (spec 20.2.8);
 *   <li>{@code /app/client/appweb/push}: {@code baseRequest[token]} (a real user token, required),
 *       {@code baseRequest[deviceID]}, {@code msg[fromUserName]}, {@code msg[toUserName]}, {@code msg[content]},
 *       {@code msg[msgType]} (digits), {@code msg[clientMsgId]}, {@code msg[expire]}, {@code sessions}
 *       (comma-separated; absent or empty = all) → exactly what {@code /app/client/device/push} answers for the same
 *       message, and every rule of that route holds (a refusal names the form's parameter, {@code msg[content]}) (the sender must be the token's user, quotas count it as a device
 *       push). The legacy route dropped {@code content} for {@code @app}, {@code @org} and {@code @tenant} targets and
 *       answered a bad token with an empty body.
 * </ul>
 */
final class WebChatEndpoints {

    static final String CALLBACK = "callbackparam";

    private final DeviceEndpoints device;

    WebChatEndpoints(DeviceEndpoints device) {
        this.device = device;
    }

    /** The login, as the device login answers it, from the form turned into the device login's JSON body. */
    Reply login(Context ctx) {
        Envelope.checkCallback(ctx, CALLBACK);
        return jsonp(ctx, device.login(ctx, loginCommand(ctx)));
    }

    /** Turns the form into {@code /app/client/device/login}'s command; {@code baseRequest[uid]} comes first. */
    private static LoginFields loginCommand(Context ctx) {
        String uid = param(ctx, "baseRequest[uid]");
        String userName = param(ctx, "userName");
        String password = param(ctx, "password");
        if (uid.isEmpty() && userName.isEmpty()) {
            throw new BadRequestException("baseRequest[uid] (or userName) is required");
        }
        if (password.isEmpty()) {
            throw new BadRequestException("password is required");
        }
        return new LoginFields(uid.isEmpty() ? userName : uid, password, param(ctx, "baseRequest[deviceType]"),
                param(ctx, "baseRequest[deviceID]"), !uid.isEmpty());
    }

    /** What a web chat login names: who, with which password, from which device. */
    record LoginFields(String user, String password, String deviceType, String deviceId, boolean byUserId) {
        /** Keeps the password out of logs and stack traces. */
        @Override
        public String toString() {
            return "LoginFields[user=" + user + ", deviceType=" + deviceType + ", deviceId=" + deviceId + "]";
        }
    }

    /**
     * Before the quota gate and the route: the form as the JSON body of {@code /app/client/device/push}, so that both
     * read it as they read a device push.
     */
    static void formAsPushBody(Context ctx) {
        Envelope.checkCallback(ctx, CALLBACK);
        ObjectNode body = JsonFields.MAPPER.createObjectNode();
        ObjectNode base = body.putObject("baseRequest");
        putIfGiven(ctx, base, "token", "baseRequest[token]");
        putIfGiven(ctx, base, "deviceID", "baseRequest[deviceID]");
        String sessions = param(ctx, "sessions");
        if (!sessions.isBlank()) {
            ArrayNode list = body.putArray("sessions");
            for (String s : sessions.split(",")) {
                list.add(s.strip());
            }
        }
        ObjectNode msg = body.putObject("msg");
        for (String field : new String[] {"fromUserName", "toUserName", "content", "msgType", "clientMsgId", "expire"}) {
            putIfGiven(ctx, msg, field, "msg[" + field + "]");
        }
        JsonFields.useAsBody(ctx, JsonFields.of(body, ""));
    }

    /** The push, once {@link #formAsPushBody} made the form its body. */
    Reply push(Context ctx) {
        return device.push(DeviceEndpoints.PushRequest.parse(JsonFields.readBody(ctx, 0)));
    }

    private static void putIfGiven(Context ctx, ObjectNode into, String field, String param) {
        String value = param(ctx, param);
        if (!value.isEmpty()) {
            into.put(field, value);
        }
    }

    private static final Pattern JSON_PATH =
            Pattern.compile("\\b(msg|baseRequest)\\.([A-Za-z]+)");

    /**
     * A refusal's text with the JSON paths of the device push ({@code msg.content}) written as the form's parameter
     * names ({@code msg[content]}), so that it names the field as the page sent it.
     */
    static String formNames(String message) {
        return JSON_PATH.matcher(message).replaceAll("$1[$2]");
    }

    /** A parameter from the query, else from a form body; "" when absent. */
    static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null && isForm(ctx)) {
            value = ctx.formParam(name);
        }
        return value == null ? "" : value;
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** {@code reply} as {@code <callbackparam> ( <json> )} and a newline, when a well-formed callback is named. */
    static Reply jsonp(Context ctx, Reply reply) {
        String cb = param(ctx, CALLBACK);
        if (cb.isEmpty() || !Envelope.CALLBACK.matcher(cb).matches()) {
            return reply;
        }
        return new Reply(reply.status(), Reply.JAVASCRIPT, cb + " ( " + reply.body() + " )\n", reply.ret());
    }
}
