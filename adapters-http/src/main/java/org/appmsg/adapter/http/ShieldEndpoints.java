package org.appmsg.adapter.http;

import io.javalin.http.Context;
import org.appmsg.application.port.in.ChangeShieldUseCase;
import org.appmsg.application.port.in.CheckShieldUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.UserId;

/**
 * {@code /app/client/device/setShieldMsg}, {@code cancelShieldMsg} ({@link ChangeShieldUseCase}) and
 * {@code isUserShieldApp} ({@link CheckShieldUseCase}), legacy 3.9, with a user token. The legacy
 * {@code sourceId} is optional and must be the token's user.
 */
final class ShieldEndpoints {

    private final ChangeShieldUseCase change;
    private final CheckShieldUseCase check;
    private final int maxBodyBytes;

    ShieldEndpoints(ChangeShieldUseCase change, CheckShieldUseCase check, int maxBodyBytes) {
        this.change = change;
        this.check = check;
        this.maxBodyBytes = maxBodyBytes;
    }

    Reply setShield(Context ctx) {
        return change(ctx, true);
    }

    Reply cancelShield(Context ctx) {
        return change(ctx, false);
    }

    private Reply change(Context ctx, boolean shield) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        String sourceId = sourceId(body);
        AppId target = body.parsed("targetId", AppId::new);
        int type = body.integer("type");
        String memo = shield ? body.optionalString("memo") : "";
        var command = body.build(() -> new ChangeShieldUseCase.Command(token, sourceId, target, type, memo, shield));

        return switch (change.change(command)) {
            case ChangeShieldUseCase.Result.Done d -> Envelope.appOk(JsonFields.MAPPER.createObjectNode());
            case ChangeShieldUseCase.Result.Unauthorized u ->
                    Envelope.appRefusal(Ret.AUTH_ERR, AddressBookEndpoints.USER_UNAUTHORIZED);
            case ChangeShieldUseCase.Result.NotYours n -> Envelope.appRefusal(Ret.AUTH_ERR, n.reason());
            case ChangeShieldUseCase.Result.NotFound n -> Envelope.appRefusal(Ret.NOT_FOUND, n.reason());
            case ChangeShieldUseCase.Result.Unsupported u -> Envelope.appRefusal(Ret.PARAM_ERR, u.reason());
        };
    }

    Reply isShielded(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        String sourceId = sourceId(body);
        AppId target = body.parsed("targetId", AppId::new);

        return switch (check.check(new CheckShieldUseCase.Query(token, sourceId, target))) {
            case CheckShieldUseCase.Result.Checked c -> {
                var extra = JsonFields.MAPPER.createObjectNode();
                extra.put("isShield", c.shielded());
                yield Envelope.appOk(extra);
            }
            case CheckShieldUseCase.Result.Unauthorized u ->
                    Envelope.appRefusal(Ret.AUTH_ERR, AddressBookEndpoints.USER_UNAUTHORIZED);
            case CheckShieldUseCase.Result.NotYours n -> Envelope.appRefusal(Ret.AUTH_ERR, n.reason());
            case CheckShieldUseCase.Result.NotFound n -> Envelope.appRefusal(Ret.NOT_FOUND, n.reason());
        };
    }

    /** The legacy {@code sourceId}, validated as a user id when present; {@code ""} when absent. */
    private static String sourceId(JsonFields body) {
        return body.optional("sourceId").isEmpty() ? "" : body.parsed("sourceId", UserId::new).value();
    }
}
