package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.appmsg.application.port.in.CheckUpdateUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.release.ClientRelease;

/**
 * {@code POST /app/client/device/checkUpdate} ({@link CheckUpdateUseCase}, legacy §3.5):
 * {@code {"baseRequest":{"token":…},"type":"Android"}} → the latest release the operator configured for the
 * platform, as the legacy {@code msg}: {@code {"msgType":1001,"content":<description>,"objectContent":{"versionCode",
 * "versionName","url","fileName"}}}. No release of the platform answers 65531 naming it (the legacy server answered
 * 65535, an internal error, for a missing row).
 */
final class ClientUpdateEndpoints {

    /** The legacy message type of client-version information (legacy §7.5). */
    static final int CLIENT_VERSION_MSG_TYPE = 1001;

    private final CheckUpdateUseCase checkUpdate;
    private final int maxBodyBytes;

    ClientUpdateEndpoints(CheckUpdateUseCase checkUpdate, int maxBodyBytes) {
        this.checkUpdate = checkUpdate;
        this.maxBodyBytes = maxBodyBytes;
    }

    Reply checkUpdate(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        String type = body.string("type");
        var query = body.build(() -> new CheckUpdateUseCase.Query(token, type));
        return switch (checkUpdate.check(query)) {
            case CheckUpdateUseCase.Result.Latest latest -> Envelope.appOk(msg(latest.release()));
            case CheckUpdateUseCase.Result.NoRelease none ->
                    Envelope.appRefusal(Ret.NOT_FOUND, "no release of client type " + none.type() + " is offered");
            case CheckUpdateUseCase.Result.Unauthorized u ->
                    Envelope.appRefusal(Ret.AUTH_ERR, AddressBookEndpoints.USER_UNAUTHORIZED);
        };
    }

    private static ObjectNode msg(ClientRelease r) {
        ObjectNode extra = JsonFields.MAPPER.createObjectNode();
        ObjectNode msg = extra.putObject("msg");
        msg.put("msgType", CLIENT_VERSION_MSG_TYPE).put("content", r.description());
        msg.putObject("objectContent").put("versionCode", r.versionCode()).put("versionName", r.versionName())
                .put("url", r.url()).put("fileName", r.fileName());
        return extra;
    }
}
