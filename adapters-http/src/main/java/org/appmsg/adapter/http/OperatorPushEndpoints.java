package org.appmsg.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.appmsg.application.port.in.ClearMailboxUseCase;
import org.appmsg.application.port.in.PushAsOperatorUseCase;
import org.appmsg.application.port.in.PushAsOperatorUseCase.Target;
import org.appmsg.domain.message.Expiry;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SubscriptionKey;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.JsonText;
import org.appmsg.domain.shared.Text;

/**
 * The legacy admin push family on the admin listener (legacy §3.2, upstream gopush's {@code mprivate}), behind the
 * admin key (the legacy server had none, spec 20.1.5): an unauthenticated caller gets HTTP 401
 * {@code {"ret":65533,"errMsg":…}} and nothing is read or changed. Answers {@code {"ret":0}}, or
 * {@code {"ret":<code>,"errMsg":"<the field and the problem>"}} with nothing changed.
 *
 * <ul>
 *   <li>{@code POST /1/admin/push/private?key=&expire=} and its alias {@code /admin/push}: the body, a JSON object, is
 *       the message clients receive, as it is ({@link PushAsOperatorUseCase});
 *   <li>{@code POST /1/admin/push/mprivate?expire=}, body {@code {"m":"<message object as a string>","k":"key1,key2"}}:
 *       the same to several keys; keys whose user or application does not exist come back in
 *       {@code {"ret":0,"data":{"fk":[…]}}};
 *   <li>{@code POST /1/admin/msg/del} and its alias {@code /admin/msg/clean}, form body {@code key=}: empties the
 *       key's mailbox ({@link ClearMailboxUseCase}).
 * </ul>
 *
 * Keys are {@code {uid}@user}, {@code {uid}_{device}@user} (the user's mailbox; live, that session) or
 * {@code {appId}@app}. {@code expire} is required, in seconds: 0 = live only, at most {@link Expiry#MAX}.
 */
final class OperatorPushEndpoints {

    private final PushAsOperatorUseCase push;
    private final ClearMailboxUseCase clear;
    private final AdminEndpoints operator;
    private final int maxBodyBytes;

    OperatorPushEndpoints(PushAsOperatorUseCase push, ClearMailboxUseCase clear, AdminEndpoints operator,
            int maxBodyBytes) {
        this.push = push;
        this.clear = clear;
        this.operator = operator;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code /1/admin/push/private?key=&expire=} with the message object as the body. */
    Reply pushPrivate(Context ctx) {
        return withKey(ctx, c -> {
            Target target = target("key", required(c, "key"));
            Lifetime lifetime = expire(c);
            String message = JsonFields.readBody(c, maxBodyBytes).json();
            var pushed = pushed(new PushAsOperatorUseCase.Command(List.of(target), message, lifetime));
            if (!pushed.unknown().isEmpty()) {
                return Envelope.legacyAdmin(200, Ret.NOT_FOUND, "key: " + unknown(target) + " does not exist");
            }
            return Envelope.legacyAdmin(200, Ret.OK, "");
        });
    }

    /** {@code /1/admin/push/mprivate?expire=} with {@code {"m":"<message>","k":"key1,key2,…"}}. */
    Reply pushMultiPrivate(Context ctx) {
        return withKey(ctx, c -> {
            Lifetime lifetime = expire(c);
            JsonFields body = JsonFields.readBody(c, maxBodyBytes);
            String message = message(body);
            String k = body.string("k");
            String[] keys = k.split(",", -1);
            if (keys.length > PushAsOperatorUseCase.Command.MAX_TARGETS) {
                return Envelope.legacyAdmin(200, Ret.TOO_LONG, "k names " + keys.length + " keys; at most "
                        + PushAsOperatorUseCase.Command.MAX_TARGETS + " are allowed");
            }
            List<Target> targets = new ArrayList<>(keys.length);
            for (int i = 0; i < keys.length; i++) {
                targets.add(target("k[" + i + "]", keys[i]));
            }
            var pushed = pushed(new PushAsOperatorUseCase.Command(targets, message, lifetime));
            if (pushed.unknown().isEmpty()) {
                return Envelope.legacyAdmin(200, Ret.OK, "");
            }
            StringBuilder json = new StringBuilder("{\"ret\":0,\"data\":{\"fk\":[");
            for (int i = 0; i < pushed.unknown().size(); i++) {
                json.append(i == 0 ? "" : ",");
                JsonText.quote(json, pushed.unknown().get(i).toString());
            }
            return new Reply(200, Reply.JSON, json.append("]}}").toString(), "0");
        });
    }

    /** {@code /1/admin/msg/del} with the form body {@code key=…}. */
    Reply deleteMessages(Context ctx) {
        return withKey(ctx, c -> {
            String key = formField(JsonFields.readText(c, maxBodyBytes), "key");
            if (key.isEmpty()) {
                throw new BadRequestException("key is required (form body key={uid}@user or key={appId}@app)");
            }
            Target target = target("key", key);
            if (target.session().isPresent()) {
                return Envelope.legacyAdmin(200, Ret.OK, ""); // nothing is stored per session: nothing to delete
            }
            clear.clear(new ClearMailboxUseCase.Command(target.mailbox()));
            return Envelope.legacyAdmin(200, Ret.OK, "");
        });
    }

    private Reply withKey(Context ctx, Function<Context, Reply> action) {
        Optional<String> problem = operator.keyProblem(ctx);
        if (problem.isPresent()) {
            ctx.header("WWW-Authenticate", "Bearer");
            return Envelope.legacyAdmin(401, Ret.AUTH_ERR, problem.get());
        }
        return action.apply(ctx);
    }

    private PushAsOperatorUseCase.Result.Pushed pushed(PushAsOperatorUseCase.Command command) {
        return switch (push.push(command)) {
            case PushAsOperatorUseCase.Result.Pushed p -> p;
        };
    }

    private static String unknown(Target target) {
        return (target.mailbox().isUser() ? "user " : "application ") + target.mailbox().id();
    }

    /** {@code m}: the message object, as a string of JSON (upstream's form) or as the object itself. */
    private static String message(JsonFields body) {
        JsonNode m = body.required("m");
        if (m.isObject()) {
            return JsonFields.compact(m);
        }
        if (!m.isTextual()) {
            throw new BadRequestException("m must be the message object, or that object as a string of JSON");
        }
        JsonNode parsed;
        try {
            parsed = JsonFields.MAPPER.readTree(m.textValue());
        } catch (JsonProcessingException e) {
            throw new BadRequestException("m is not valid JSON");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new BadRequestException("m must hold a JSON object");
        }
        return JsonFields.compact(parsed);
    }

    private static String required(Context ctx, String param) {
        String value = ctx.queryParam(param);
        if (value == null || value.isEmpty()) {
            throw new BadRequestException(param + " is required");
        }
        return value;
    }

    /** {@code expire} seconds, required: 0 = live only, 1 to {@link Expiry#MAX}. */
    private static Lifetime expire(Context ctx) {
        String text = ctx.queryParam("expire");
        if (text == null || text.isEmpty()) {
            throw new BadRequestException("expire is required (seconds; 0 = live only)");
        }
        long seconds;
        try {
            seconds = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadRequestException("expire must be an integer number of seconds");
        }
        if (seconds < 0 || seconds > Expiry.MAX.toSeconds()) {
            throw new BadRequestException("expire must be between 0 and " + Expiry.MAX.toSeconds() + " seconds");
        }
        return Lifetime.ofExpireSeconds(seconds);
    }

    /** A legacy key: {@code {uid}@user}, {@code {uid}_{device}@user} or {@code {appId}@app}. */
    static Target target(String field, String key) {
        try {
            if (key.endsWith(Kind.APP.suffix())) {
                return new Target(Name.parse(key), Optional.empty());
            }
            if (key.endsWith(Kind.USER.suffix())) {
                SubscriptionKey parsed = SubscriptionKey.parse(key);
                return new Target(parsed.mailbox(), parsed.session());
            }
        } catch (DomainViolation e) {
            throw new BadRequestException(field + ": " + e.getMessage());
        }
        throw new BadRequestException(field + " must be {uid}@user, {uid}_{device}@user or {appId}@app, not \""
                + Text.clip(key) + "\"");
    }

    /** The first value of {@code name} in an {@code application/x-www-form-urlencoded} text; "" when absent. */
    private static String formField(String form, String name) {
        for (String pair : form.strip().split("&")) {
            int eq = pair.indexOf('=');
            String field = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(field, StandardCharsets.UTF_8).equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("the form body is not URL-encoded: " + e.getMessage());
            }
        }
        return "";
    }
}
