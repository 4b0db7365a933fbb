package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Optional;
import org.appmsg.application.port.in.SyncUserUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.UserProfile;

/** {@code /app/client/app/syncUser} (R12, {@link SyncUserUseCase}): server-to-server, application token. */
final class AppEndpoints {

    private final SyncUserUseCase syncUser;
    private final int maxBodyBytes;

    AppEndpoints(SyncUserUseCase syncUser, int maxBodyBytes) {
        this.syncUser = syncUser;
        this.maxBodyBytes = maxBodyBytes;
    }

    Reply syncUser(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = body.object("baseRequest").parsed("token", Secret::new);
        String orgId = body.optionalString("orgId");
        if (!orgId.isEmpty()) {
            body.parsed("orgId", OrgId::new); // a malformed id is bad input, not an unknown org
        }
        JsonFields member = body.object("member");
        UserId id = member.parsed("uid", UserId::new);
        String name = member.string("name");
        UserProfile profile = profile(member, name);
        String password = member.optionalString("password");
        String tenantId = member.optionalString("tenantId");
        var command = new SyncUserUseCase.Command(token, id, tenantId, profile, password, orgId);

        return switch (syncUser.sync(command)) {
            case SyncUserUseCase.Result.Created c -> Envelope.appOk(JsonFields.MAPPER.createObjectNode());
            case SyncUserUseCase.Result.Updated u -> Envelope.appOk(JsonFields.MAPPER.createObjectNode());
            case SyncUserUseCase.Result.Unauthorized u ->
                    Envelope.appRefusal(Ret.AUTH_ERR, "application token is unknown or disabled");
            case SyncUserUseCase.Result.OutOfScope o -> Envelope.appRefusal(Ret.AUTH_ERR, o.reason());
            case SyncUserUseCase.Result.Invalid i -> Envelope.appRefusal(Ret.PARAM_ERR, i.reason());
        };
    }

    private static UserProfile profile(JsonFields member, String name) {
        String nickName = member.optionalString("nickName");
        String email = member.optionalString("email");
        String mobile = member.optionalString("mobile");
        String avatar = member.optionalString("avatar");
        String status = status(member);
        String pyInitial = member.optionalString("pYInitial");
        String pyQuanPin = member.optionalString("pYQuanPin");
        String area = member.optionalString("area");
        try {
            return new UserProfile(name, nickName, email, mobile, avatar, status, pyInitial, pyQuanPin, area);
        } catch (DomainViolation e) {
            throw new BadRequestException(member.path("") + e.getMessage());
        }
    }

    /** The legacy platforms send {@code status} as a string; a number is accepted and kept as its text. */
    private static String status(JsonFields member) {
        Optional<JsonNode> status = member.optional("status");
        if (status.isEmpty()) {
            return "";
        }
        if (!status.get().isTextual() && !status.get().isNumber()) {
            throw new BadRequestException(member.path("status") + " must be a string or a number");
        }
        return status.get().asText();
    }
}
