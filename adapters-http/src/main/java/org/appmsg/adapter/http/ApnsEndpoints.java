package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Base64;
import java.util.Optional;
import org.appmsg.application.port.in.GetDeliveryStatusUseCase;
import org.appmsg.application.port.in.ManageApnsCredentialsUseCase;
import org.appmsg.application.port.in.ManageApnsCredentialsUseCase.Request;
import org.appmsg.application.port.in.ManageApnsCredentialsUseCase.Result;
import org.appmsg.application.port.in.ManageApnsTokenUseCase;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsEnvironment;
import org.appmsg.domain.apns.ApnsScope;
import org.appmsg.domain.apns.DeviceToken;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.DeliveryStatus;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.shared.DomainViolation;

/**
 * The APNs routes (docs/apns.md): a device's {@code addApnsToken} / {@code delApnsToken} (legacy §3.8 shapes,
 * user token), an application's {@code getMessageStatus} (its own messages), and the operator's credential and
 * status routes under {@code /admin/apns} and {@code /admin/messages}. A credential is answered without its
 * secrets: the key, the .p12 and its password go in and never come out.
 */
final class ApnsEndpoints {

    static final String SAVED = "Save apns_token success";

    private final ManageApnsTokenUseCase tokens;
    private final ManageApnsCredentialsUseCase credentials;
    private final GetDeliveryStatusUseCase status;
    private final AdminEndpoints admin;
    private final int maxBodyBytes;

    ApnsEndpoints(ManageApnsTokenUseCase tokens, ManageApnsCredentialsUseCase credentials,
            GetDeliveryStatusUseCase status, AdminEndpoints admin, int maxBodyBytes) {
        this.tokens = tokens;
        this.credentials = credentials;
        this.status = status;
        this.admin = admin;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code {"baseRequest":{"token"}, "apnsToken":"<hex>"}}; no apnsToken registers nothing (legacy). */
    Reply addToken(Context ctx) {
        return manage(ctx, true);
    }

    /** {@code {"baseRequest":{"token"}, "apnsToken":"<hex>"}}: withdraws the caller's own token. */
    Reply deleteToken(Context ctx) {
        return manage(ctx, false);
    }

    private Reply manage(Context ctx, boolean bind) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        if (body.optional("apnsToken").isEmpty()) {
            return Envelope.appOk(JsonFields.MAPPER.createObjectNode());
        }
        DeviceToken apnsToken = body.parsed("apnsToken", DeviceToken::new);
        return reply(tokens.manage(new ManageApnsTokenUseCase.Command(token, apnsToken, bind)));
    }

    /** The answer to a registration or withdrawal, also used by login's {@code apnsToken}. */
    static Reply reply(ManageApnsTokenUseCase.Result result) {
        return switch (result) {
            case ManageApnsTokenUseCase.Result.Bound b -> Envelope.app(200, Ret.OK, SAVED,
                    JsonFields.MAPPER.createObjectNode().put("deviceID", b.device()));
            case ManageApnsTokenUseCase.Result.Unbound u -> Envelope.app(200, Ret.OK, SAVED,
                    JsonFields.MAPPER.createObjectNode().put("deleted", u.existed()));
            case ManageApnsTokenUseCase.Result.Unauthorized u ->
                    Envelope.appRefusal(Ret.AUTH_ERR, AddressBookEndpoints.USER_UNAUTHORIZED);
            case ManageApnsTokenUseCase.Result.NoDevice n -> Envelope.appRefusal(Ret.PARAM_ERR,
                    "the token was issued without baseRequest.deviceID: log in with the device's id to register"
                            + " an apnsToken");
        };
    }

    /** {@code {"baseRequest":{"token"}, "msgID":"…"}}: the status of a message the application sent. */
    Reply applicationStatus(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        MessageId id = body.parsed("msgID", ApnsEndpoints::messageId);
        return switch (status.status(new GetDeliveryStatusUseCase.Query(Optional.of(token), id))) {
            case GetDeliveryStatusUseCase.Result.Status s ->
                    Envelope.appOk(JsonFields.MAPPER.createObjectNode().set("status", json(s.status())));
            case GetDeliveryStatusUseCase.Result.NotFound n -> Envelope.appRefusal(Ret.NOT_FOUND,
                    "message " + id + " is not one of this application's messages, or its status has expired");
            case GetDeliveryStatusUseCase.Result.Unauthorized u ->
                    Envelope.appRefusal(Ret.AUTH_ERR, "application token is unknown or disabled");
        };
    }

    /** {@code GET /admin/messages/{msgId}/status} */
    Reply adminStatus(Context ctx) {
        return admin.withKey(ctx, c -> {
            MessageId id = pathParam(c, "msgId", ApnsEndpoints::messageId);
            return switch (status.status(new GetDeliveryStatusUseCase.Query(Optional.empty(), id))) {
                case GetDeliveryStatusUseCase.Result.Status s -> Reply.json(200, JsonFields.compact(json(s.status())));
                case GetDeliveryStatusUseCase.Result.NotFound n ->
                        Envelope.adminError(404, "message " + id + " has no delivery status (unknown, or expired)");
                case GetDeliveryStatusUseCase.Result.Unauthorized u -> Envelope.adminError(401, "unauthorized");
            };
        });
    }

    /**
     * {@code PUT /admin/apns/{scope}/{id}} with {@code {topic, environment: "sandbox"|"production", auth: "token",
     * key: "<.p8 text>", keyId, teamId}} or {@code {…, auth: "certificate", p12: "<base64>", password}}.
     */
    Reply putCredential(Context ctx) {
        return admin.withKey(ctx, c -> {
            ApnsScope scope = scope(c);
            JsonFields body = JsonFields.readBody(c, maxBodyBytes);
            String topic = body.string("topic");
            ApnsEnvironment environment = ApnsEnvironment.fromWire(body.string("environment")).orElseThrow(
                    () -> new BadRequestException("environment must be \"sandbox\" or \"production\""));
            String auth = body.string("auth");
            ApnsCredential.Auth parsed = switch (auth) {
                case "token" -> body.build(() -> new ApnsCredential.SigningKey(body.string("key"),
                        body.string("keyId"), body.string("teamId")));
                case "certificate" -> body.build(() -> new ApnsCredential.Certificate(
                        body.parsed("p12", ApnsEndpoints::base64), body.optionalString("password")));
                default -> throw new BadRequestException("auth must be \"token\" or \"certificate\"");
            };
            Request.Put put = body.build(() -> {
                new ApnsCredential(scope, topic, environment, parsed, java.time.Instant.EPOCH); // checks the topic
                return new Request.Put(scope, topic, environment, parsed);
            });
            return credentialReply(credentials.manage(put));
        });
    }

    /** {@code GET /admin/apns/{scope}/{id}} */
    Reply getCredential(Context ctx) {
        return admin.withKey(ctx, c -> credentialReply(credentials.manage(new Request.Read(scope(c)))));
    }

    /** {@code DELETE /admin/apns/{scope}/{id}} */
    Reply deleteCredential(Context ctx) {
        return admin.withKey(ctx, c -> credentialReply(credentials.manage(new Request.Delete(scope(c)))));
    }

    /** {@code GET /admin/apns}: every credential, without secrets. */
    Reply listCredentials(Context ctx) {
        return admin.withKey(ctx, c -> credentialReply(credentials.manage(new Request.ListAll())));
    }

    private static Reply credentialReply(Result result) {
        return switch (result) {
            case Result.Credential c -> Reply.json(200, JsonFields.compact(json(c.credential())));
            case Result.Credentials list -> {
                ObjectNode out = JsonFields.MAPPER.createObjectNode();
                ArrayNode array = out.putArray("credentials");
                list.credentials().forEach(c -> array.add(json(c)));
                yield Reply.json(200, JsonFields.compact(out));
            }
            case Result.Deleted d -> Reply.json(200, "{\"deleted\":true}");
            case Result.NotFound n -> Envelope.adminError(404, n.reason());
            case Result.Unusable u -> Envelope.adminError(400, u.reason());
        };
    }

    /** A credential's public parts: never the key, the .p12 or the password. */
    private static ObjectNode json(ApnsCredential c) {
        ObjectNode o = JsonFields.MAPPER.createObjectNode()
                .put("scope", c.scope().kind().wire())
                .put("id", c.scope().id())
                .put("topic", c.topic())
                .put("environment", c.environment().wire())
                .put("auth", c.auth().wire());
        if (c.auth() instanceof ApnsCredential.SigningKey k) {
            o.put("keyId", k.keyId()).put("teamId", k.teamId());
        }
        return o.put("updated", c.updated().toString());
    }

    private static ObjectNode json(DeliveryStatus s) {
        ObjectNode o = JsonFields.MAPPER.createObjectNode().put("msgID", s.id().toString())
                .put("fromUserName", s.from().toString());
        ArrayNode recipients = o.putArray("recipients");
        for (DeliveryStatus.Recipient r : s.recipients()) {
            ObjectNode each = recipients.addObject().put("userName", r.mailbox().toString()).put("mid", r.mid())
                    .put("stored", r.mid() > 0).put("liveSessions", r.liveSessions());
            ArrayNode apns = each.putArray("apns");
            r.devices().forEach(d -> apns.addObject().put("deviceID", d.device()).put("state", d.state().wire())
                    .put("detail", d.detail()));
        }
        return o;
    }

    private static ApnsScope scope(Context ctx) {
        String kind = ctx.pathParam("scope");
        ApnsScope.Kind k = switch (kind) {
            case "customers" -> ApnsScope.Kind.CUSTOMER;
            case "tenants" -> ApnsScope.Kind.TENANT;
            default -> throw new BadRequestException("scope must be \"customers\" or \"tenants\", not \"" + kind + "\"");
        };
        return pathParam(ctx, "id", id -> new ApnsScope(k, id));
    }

    private static <T> T pathParam(Context ctx, String name, java.util.function.Function<String, T> type) {
        try {
            return type.apply(ctx.pathParam(name));
        } catch (DomainViolation e) {
            throw new BadRequestException(name + ": " + e.getMessage());
        }
    }

    private static MessageId messageId(String text) {
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return new MessageId(value);
            }
        } catch (NumberFormatException e) {
            // the same answer as a non-positive number
        }
        throw new DomainViolation("message.id_malformed", "\"" + text + "\" is not a message id (a positive number)");
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new DomainViolation("apns.p12_malformed", "p12 must be the .p12 file in base64");
        }
    }
}
