package org.appmsg.adapter.http;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Function;
import org.appmsg.application.port.in.MeterCallsUseCase;
import org.appmsg.application.port.in.MeterCallsUseCase.Call;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.shared.DomainViolation;

/**
 * The one wrapper around every counted route ({@code /app/client/...}): asks {@link MeterCallsUseCase} before the
 * route acts, answers 65536 (over an {@code api_cnt} quota or past an {@code expire} one) or 65537 (over a
 * {@code push_cnt} quota) without running it, and refunds the count when the route answers anything but ret 0, so
 * a refused or failed call is never counted. A body that is not JSON is refused (65534) before anything is
 * counted. The caller is read leniently here (a malformed token only means "not identified"): the route itself
 * validates and answers for it.
 *
 * <p>Push types: a device push counts as one push of its {@code toUserName}'s type ({@code @user}, {@code @qun},
 * {@code @org}, {@code @tenant}) however many recipients it reaches; an application push counts as one {@code @app}
 * push.
 */
final class QuotaGate {

    static final String DEVICE_PUSH = "/app/client/device/push";
    static final String APP_PUSH = "/app/client/app/user/push";
    private static final String LOGIN = "/app/client/device/login";
    private static final String APP_ROUTES = "/app/client/app/";

    private final MeterCallsUseCase meter;
    private final int maxBodyBytes;

    QuotaGate(MeterCallsUseCase meter, int maxBodyBytes) {
        this.meter = meter;
        this.maxBodyBytes = maxBodyBytes;
    }

    Function<Context, Reply> around(String route, Function<Context, Reply> action) {
        return ctx -> {
            JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
            return switch (meter.admit(call(route, body))) {
                case MeterCallsUseCase.Result.OverApiQuota over ->
                        Envelope.appRefusal(Ret.OVER_QUOTA_API_CALL, over.message());
                case MeterCallsUseCase.Result.OverPushQuota over ->
                        Envelope.appRefusal(Ret.OVER_QUOTA_PUSH, over.message());
                case MeterCallsUseCase.Result.Admitted admitted -> {
                    Reply reply;
                    try {
                        reply = action.apply(ctx);
                    } catch (RuntimeException e) {
                        meter.refund(admitted.ticket());
                        throw e;
                    }
                    if (!Integer.toString(Ret.OK).equals(reply.ret())) {
                        meter.refund(admitted.ticket());
                    }
                    yield reply;
                }
            };
        };
    }

    private static Call call(String route, JsonFields body) {
        Optional<Secret> token = body.optional("baseRequest").filter(b -> b.isObject())
                .map(b -> b.get("token")).filter(t -> t != null && t.isTextual())
                .flatMap(t -> lenient(() -> new Secret(t.asText())));
        Optional<String> pushType = Optional.empty();
        if (route.equals(DEVICE_PUSH)) {
            pushType = body.optional("msg").filter(m -> m.isObject()).map(m -> m.get("toUserName"))
                    .filter(n -> n != null && n.isTextual())
                    .flatMap(n -> lenient(() -> Name.parse(n.asText()).kind().suffix()));
        } else if (route.equals(APP_PUSH)) {
            pushType = Optional.of("@app");
        }
        if (route.equals(LOGIN)) {
            Optional<String> name = body.optional("userName").filter(n -> n.isTextual()).map(n -> n.asText());
            return new Call(route, Optional.empty(), Optional.empty(), name, Optional.empty());
        }
        if (route.startsWith(APP_ROUTES)) {
            return new Call(route, token, Optional.empty(), Optional.empty(), pushType);
        }
        return new Call(route, Optional.empty(), token, Optional.empty(), pushType);
    }

    private static <T> Optional<T> lenient(java.util.function.Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (DomainViolation | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
