package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.appmsg.application.port.in.GetSessionsUseCase;
import org.appmsg.application.port.in.SetSessionStateUseCase;
import org.appmsg.application.port.in.SetSessionStateUseCase.Caller;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.UserId;

/**
 * The session routes (R2, {@link SetSessionStateUseCase}, {@link GetSessionsUseCase}): a user sets its own
 * sessions' states, an application those of its tenant's users and lists a user's live sessions.
 */
final class SessionEndpoints {

    private final SetSessionStateUseCase setState;
    private final GetSessionsUseCase getSessions;
    private final int maxBodyBytes;

    SessionEndpoints(SetSessionStateUseCase setState, GetSessionsUseCase getSessions, int maxBodyBytes) {
        this.setState = setState;
        this.getSessions = getSessions;
        this.maxBodyBytes = maxBodyBytes;
    }

    Reply setStateByUser(Context ctx) {
        return setState(ctx, Caller.USER);
    }

    Reply setStateByApplication(Context ctx) {
        return setState(ctx, Caller.APPLICATION);
    }

    /** {@code {"baseRequest":{"token"}, "sessionId":"uid_device", "state":"active|inactive"}} */
    private Reply setState(Context ctx, Caller caller) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = body.object("baseRequest").parsed("token", Secret::new);
        SessionId session = body.parsed("sessionId", SessionId::parse);
        SessionState state = SessionState.settable(body.string("state")).orElseThrow(
                () -> new BadRequestException(body.path("state") + " must be \"active\" or \"inactive\""));
        return switch (setState.set(new SetSessionStateUseCase.Command(caller, token, session, state))) {
            case SetSessionStateUseCase.Result.Updated u -> Envelope.appOk(JsonFields.MAPPER.createObjectNode()
                    .set("session", json(u.session())));
            case SetSessionStateUseCase.Result.Unauthorized u ->
                    Envelope.appRefusal(Ret.AUTH_ERR, "token is unknown or expired");
            case SetSessionStateUseCase.Result.Forbidden f -> Envelope.appRefusal(Ret.AUTH_ERR, f.reason());
            case SetSessionStateUseCase.Result.NotLive n ->
                    Envelope.appRefusal(Ret.NOT_FOUND, "session " + n.session() + " is not live");
        };
    }

    /** {@code {"baseRequest":{"token","uid"}}} (legacy) or a top-level {@code uid}: the user whose sessions to list. */
    Reply list(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        JsonFields base = body.object("baseRequest");
        Secret token = base.parsed("token", Secret::new);
        UserId user = body.optional("uid").isPresent() ? body.parsed("uid", UserId::new) : base.parsed("uid", UserId::new);
        return switch (getSessions.list(new GetSessionsUseCase.Query(token, user))) {
            case GetSessionsUseCase.Result.Sessions s -> {
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                ArrayNode list = extra.putArray("memberList");
                s.sessions().forEach(session -> list.add(json(session)));
                extra.put("memberCount", s.sessions().size());
                yield Envelope.appOk(extra);
            }
            case GetSessionsUseCase.Result.Unauthorized u ->
                    Envelope.appRefusal(Ret.AUTH_ERR, "application token is unknown or disabled");
            case GetSessionsUseCase.Result.NotFound n -> Envelope.appRefusal(Ret.NOT_FOUND, n.reason());
        };
    }

    /** The legacy session object (with its misspelt {@code sate}) plus the correctly spelt {@code state}. */
    private static ObjectNode json(Session s) {
        ObjectNode o = JsonFields.MAPPER.createObjectNode();
        o.put("id", s.id().value());
        o.put("type", s.type());
        o.put("userId", s.id().user().value());
        o.put("sate", s.state().wire());
        o.put("state", s.state().wire());
        o.put("created", s.created().toString());
        o.put("updated", s.updated().toString());
        return o;
    }
}
