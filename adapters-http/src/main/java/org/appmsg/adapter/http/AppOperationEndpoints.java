package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.appmsg.application.port.in.ListApplicationsUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;

/**
 * {@code POST /app/client/device/getAppOperationList} (legacy §3.5): {@code {"baseRequest":{"token":…},
 * "username":"{appId}@app"}} → {@code {"operationList":[],"operationCount":0}}. The legacy menus came from an
 * {@code operation} table that operators filled by hand; appmsg keeps no application menus, so the list is always
 * empty (docs/migration.md). The application must be one the user sees ({@link ListApplicationsUseCase}: an
 * enabled application of its tenant), else 65531; a {@code username} that is not an {@code @app} name is 65534
 * naming the field (the legacy server answered 65533, an authentication error).
 */
final class AppOperationEndpoints {

    private final ListApplicationsUseCase applications;
    private final int maxBodyBytes;

    AppOperationEndpoints(ListApplicationsUseCase applications, int maxBodyBytes) {
        this.applications = applications;
        this.maxBodyBytes = maxBodyBytes;
    }

    Reply operations(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        Name app = body.parsed("username", Name::parse);
        if (app.kind() != Kind.APP) {
            throw new BadRequestException(body.path("username") + " must name an application, like 7@app (got "
                    + app + ")");
        }
        return switch (applications.list(new ListApplicationsUseCase.Query(token))) {
            case ListApplicationsUseCase.Result.Applications list
                    when list.applications().stream().anyMatch(a -> a.id().value().equals(app.id())) -> {
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                extra.putArray("operationList");
                extra.put("operationCount", 0);
                yield Envelope.appOk(extra);
            }
            case ListApplicationsUseCase.Result.Applications list ->
                    Envelope.appRefusal(Ret.NOT_FOUND, "application " + app.id() + " does not exist");
            case ListApplicationsUseCase.Result.Unauthorized u ->
                    Envelope.appRefusal(Ret.AUTH_ERR, AddressBookEndpoints.USER_UNAUTHORIZED);
        };
    }
}
