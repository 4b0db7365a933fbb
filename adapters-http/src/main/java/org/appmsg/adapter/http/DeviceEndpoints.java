package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Optional;
import org.appmsg.application.port.in.LoginUseCase;
import org.appmsg.application.port.in.ManageApnsTokenUseCase;
import org.appmsg.application.port.in.SendMessageUseCase;
import org.appmsg.domain.apns.DeviceToken;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MessageType;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionSelector;

/**
 * {@code /app/client/device/login} ({@link LoginUseCase}) and {@code /app/client/device/push}
 * ({@link SendMessageUseCase}) on the legacy app-port contract.
 */
final class DeviceEndpoints {

    private final LoginUseCase login;
    private final SendMessageUseCase send;
    private final ManageApnsTokenUseCase apnsTokens;
    private final ClientAddress clientAddress;
    private final int maxBodyBytes;

    DeviceEndpoints(LoginUseCase login, SendMessageUseCase send, ManageApnsTokenUseCase apnsTokens,
            ClientAddress clientAddress, int maxBodyBytes) {
        this.login = login;
        this.send = send;
        this.apnsTokens = apnsTokens;
        this.clientAddress = clientAddress;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * {@code baseRequest} is optional here: login needs no token. An {@code apnsToken} is checked before anything
     * else (a malformed one, or one without {@code baseRequest.deviceID} to bind it to, is 65534 and nobody is
     * signed in) and registered for the new token's device right after the login (R17, legacy §3.5).
     */
    Reply login(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Optional<JsonFields> base = body.optionalObject("baseRequest");
        String deviceId = base.map(b -> b.optionalString("deviceID")).orElse("");
        String deviceType = base.map(b -> b.optionalString("deviceType")).orElse("");
        String userName = body.string("userName");
        String password = body.string("password");
        Optional<DeviceToken> apnsToken = body.optional("apnsToken").isEmpty() ? Optional.empty()
                : Optional.of(body.parsed("apnsToken", DeviceToken::new));
        if (apnsToken.isPresent() && deviceId.isEmpty()) {
            throw new BadRequestException("apnsToken needs baseRequest.deviceID: the device it is registered for");
        }
        var command = new LoginUseCase.Command(userName, password, deviceType, deviceId, clientAddress.of(ctx));
        return login(command, apnsToken);
    }

    /** The web chat page's login ({@link WebChatEndpoints}): answered as the device login, without an APNs token. */
    Reply login(Context ctx, WebChatEndpoints.LoginFields fields) {
        return login(new LoginUseCase.Command(fields.user(), fields.password(), fields.deviceType(), fields.deviceId(),
                clientAddress.of(ctx), fields.byUserId()), Optional.empty());
    }

    private Reply login(LoginUseCase.Command command, Optional<DeviceToken> apnsToken) {
        return switch (login.login(command)) {
            case LoginUseCase.Result.LoggedIn in -> {
                if (apnsToken.isPresent()) {
                    var registered = apnsTokens.manage(new ManageApnsTokenUseCase.Command(in.token(), apnsToken.get(),
                            true));
                    if (!(registered instanceof ManageApnsTokenUseCase.Result.Bound)) {
                        yield ApnsEndpoints.reply(registered);
                    }
                }
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                extra.put("uid", in.user().id().value());
                extra.put("token", in.token().value());
                extra.set("member", LegacyMember.of(in.user()));
                yield Envelope.appOk(extra);
            }
            case LoginUseCase.Result.Rejected r -> Envelope.appRefusal(Ret.LOGIN_ERR, "auth failed");
            // the legacy "restricted" code (OverQuotaApicall), which login already answered when its quota was spent
            case LoginUseCase.Result.Throttled t -> Envelope.appRefusal(Ret.OVER_QUOTA_API_CALL,
                    "too many failed logins; retry in " + t.retryAfterSeconds() + " s");
        };
    }

    Reply push(Context ctx) {
        return push(PushRequest.parse(JsonFields.readBody(ctx, maxBodyBytes)));
    }

    /** Sends a parsed push and answers as {@code /app/client/device/push} does. */
    Reply push(PushRequest request) {
        return switch (send.send(request.command())) {
            case SendMessageUseCase.Result.Accepted ok -> {
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                extra.put("msgID", ok.id().toString());
                if (!request.clientMsgId().isMissingNode()) {
                    extra.set("clientMsgId", request.clientMsgId());
                }
                extra.put("mid", ok.mid());
                yield Envelope.appOk(extra);
            }
            case SendMessageUseCase.Result.Unauthorized u ->
                    Envelope.appRefusal(Ret.AUTH_ERR, AddressBookEndpoints.USER_UNAUTHORIZED);
            case SendMessageUseCase.Result.SenderMismatch m ->
                    Envelope.appRefusal(Ret.AUTH_ERR, "fromUserName " + m.claimed() + " is not the signed-in user");
            case SendMessageUseCase.Result.RecipientUnknown r ->
                    Envelope.appRefusal(Ret.NOT_FOUND, "toUserName " + r.to() + " is unknown");
            case SendMessageUseCase.Result.NotMember n ->
                    Envelope.appRefusal(Ret.NOT_MEMBER, "only members may send to " + n.to());
            case SendMessageUseCase.Result.NotPermitted n -> Envelope.appRefusal(Ret.AUTH_ERR, n.reason());
            case SendMessageUseCase.Result.TooMany t -> Envelope.appRefusal(Ret.TOO_LONG, t.reason());
            case SendMessageUseCase.Result.Unsupported u -> Envelope.appRefusal(Ret.PARAM_ERR, u.reason());
        };
    }

    /**
     * A parsed push body; {@code clientMsgId} is the node as sent (echoed back verbatim) or a missing node.
     * {@code sessions} selects the recipient's live sessions (R1). {@code msg.customFilelds} (sic) must be an
     * object; it is stored with the message and its members become top-level keys of APNs payloads.
     */
    record PushRequest(SendMessageUseCase.Command command, JsonNode clientMsgId) {

        static PushRequest parse(JsonFields body) {
            JsonFields base = body.object("baseRequest");
            Secret token = base.parsed("token", Secret::new);
            String deviceId = base.optionalString("deviceID");
            SessionSelector sessions = PushFields.sessions(body);
            JsonFields msg = body.object("msg");
            msg.notHere("sessions", "at the top level of the request, beside msg");
            Name from = msg.parsed("fromUserName", Name::parse);
            Name to = msg.parsed("toUserName", Name::parse);
            String content = msg.string("content");
            if (content.length() > SendMessageUseCase.Command.MAX_CONTENT) {
                throw new BadRequestException(msg.path("content") + " is longer than "
                        + SendMessageUseCase.Command.MAX_CONTENT + " characters");
            }
            int msgType = msg.integer("msgType");
            MessageType type = MessageTypeCheck.check(msgType, msg, content, "msg");
            Optional<JsonNode> clientMsgId = msg.optional("clientMsgId");
            if (clientMsgId.isPresent() && !clientMsgId.get().isTextual() && !clientMsgId.get().isNumber()) {
                throw new BadRequestException(msg.path("clientMsgId") + " must be a string or a number");
            }
            Lifetime lifetime = PushFields.lifetime(msg);
            String objectContent = msg.optionalObjectJson("objectContent").orElse("");
            String customFields = msg.optionalObjectJson("customFilelds").orElse("");
            return new PushRequest(new SendMessageUseCase.Command(token, deviceId, from, to, msgType, content,
                    clientMsgId.map(JsonFields::compact).orElse(""), objectContent, lifetime, sessions,
                    MessageTypeCheck.file(type, msg), customFields),
                    clientMsgId.orElse(MissingNode.getInstance()));
        }
    }
}
