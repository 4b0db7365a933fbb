package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import org.appmsg.application.port.in.PushApplicationMessageUseCase;
import org.appmsg.application.port.in.PushApplicationMessageUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MessageType;
import org.appmsg.domain.name.Name;

/**
 * {@code /app/client/app/user/push} ({@link PushApplicationMessageUseCase}, legacy 7.4): an application pushes
 * one message to users, orgs, tenants or applications. Any {@code objectContent.appId} is passed on untouched
 * and never read: the sender is the token's application.
 */
final class AppPushEndpoints {

    private final PushApplicationMessageUseCase push;
    private final int maxBodyBytes;

    AppPushEndpoints(PushApplicationMessageUseCase push, int maxBodyBytes) {
        this.push = push;
        this.maxBodyBytes = maxBodyBytes;
    }

    Reply push(Context ctx) {
        var command = parse(JsonFields.readBody(ctx, maxBodyBytes));
        return switch (push.push(command)) {
            case Result.Pushed pushed -> {
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                extra.put("msgID", pushed.id().toString());
                ArrayNode mlist = extra.putArray("mlist");
                for (PushApplicationMessageUseCase.Stored stored : pushed.stored()) {
                    mlist.addObject().put("mid", stored.mid()).put("key", stored.mailbox().toString());
                }
                yield Envelope.appOk(extra);
            }
            case Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, DirectoryEndpoints.APP_UNAUTHORIZED);
            case Result.TooMany t -> Envelope.appRefusal(Ret.TOO_LONG, t.reason());
            case Result.NotFound n -> Envelope.appRefusal(Ret.NOT_FOUND, n.reason());
            case Result.Unsupported u -> Envelope.appRefusal(Ret.PARAM_ERR, u.reason());
        };
    }

    static PushApplicationMessageUseCase.Command parse(JsonFields body) {
        Secret token = DirectoryEndpoints.baseToken(body);
        List<Name> to = names(body);
        var sessions = PushFields.sessions(body);
        var lifetime = PushFields.lifetime(body);
        int msgType = body.integer("msgType");
        String content = body.string("content");
        if (content.length() > PushApplicationMessageUseCase.Command.MAX_CONTENT) {
            throw new BadRequestException("content is longer than "
                    + PushApplicationMessageUseCase.Command.MAX_CONTENT + " characters");
        }
        MessageType type = MessageTypeCheck.check(msgType, body, content, "");
        var file = MessageTypeCheck.file(type, body);
        String objectContent = body.optionalObjectJson("objectContent").orElse("");
        String statusId = body.optionalString("statusId");
        return body.build(() -> new PushApplicationMessageUseCase.Command(token, to, sessions, lifetime, msgType,
                content, objectContent, statusId, file));
    }

    private static final JsonFields.Item<Name> NAME = JsonFields.Item.text("names like \"123@user\"", Name::parse);

    /** {@code toUserNames}: a non-empty array of names; how many is the use case's business (65532). */
    private static List<Name> names(JsonFields body) {
        List<Name> names = body.list("toUserNames", NAME);
        if (names.isEmpty()) {
            throw new BadRequestException("toUserNames must name at least one recipient");
        }
        return names;
    }
}
