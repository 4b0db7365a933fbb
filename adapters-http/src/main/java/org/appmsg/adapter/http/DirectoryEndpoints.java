package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Function;
import org.appmsg.application.port.in.ChangeOrgMembershipUseCase;
import org.appmsg.application.port.in.ListOrgUsersUseCase;
import org.appmsg.application.port.in.ListOrgUsersUseCase.Caller;
import org.appmsg.application.port.in.ListUserOrgsUseCase;
import org.appmsg.application.port.in.SyncOrgUseCase;
import org.appmsg.application.port.in.SyncTenantUseCase;
import org.appmsg.application.port.in.VerifyUserTokenUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;

/**
 * The directory routes an application calls with its token in {@code baseRequest.token} (R13, R14):
 * {@code syncTenant} ({@link SyncTenantUseCase}), {@code syncOrg} ({@link SyncOrgUseCase}), {@code addOrgUser} /
 * {@code removeOrgUser} ({@link ChangeOrgMembershipUseCase}), {@code getOrgList} ({@link ListUserOrgsUseCase}),
 * {@code user/auth} ({@link VerifyUserTokenUseCase}), and {@code getOrgUserList} ({@link ListOrgUsersUseCase}),
 * which a signed-in user may call too, on the device path with its user token.
 */
final class DirectoryEndpoints {

    static final String APP_UNAUTHORIZED = "application token is unknown or disabled";

    private final SyncTenantUseCase syncTenant;
    private final SyncOrgUseCase syncOrg;
    private final ChangeOrgMembershipUseCase changeMembership;
    private final ListOrgUsersUseCase listOrgUsers;
    private final ListUserOrgsUseCase listUserOrgs;
    private final VerifyUserTokenUseCase verifyUserToken;
    private final int maxBodyBytes;

    DirectoryEndpoints(SyncTenantUseCase syncTenant, SyncOrgUseCase syncOrg,
            ChangeOrgMembershipUseCase changeMembership, ListOrgUsersUseCase listOrgUsers,
            ListUserOrgsUseCase listUserOrgs, VerifyUserTokenUseCase verifyUserToken, int maxBodyBytes) {
        this.syncTenant = syncTenant;
        this.syncOrg = syncOrg;
        this.changeMembership = changeMembership;
        this.listOrgUsers = listOrgUsers;
        this.listUserOrgs = listUserOrgs;
        this.verifyUserToken = verifyUserToken;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * {@code {"baseRequest":{"token"}, "tennat":{"id","code"?,"name","customerId","status"?}}}; the legacy
     * misspelling {@code tennat} is the documented key, {@code tenant} is accepted instead (never both).
     */
    Reply syncTenant(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = baseToken(body);
        JsonFields tenant = tenantObject(body);
        TenantId id = tenant.parsed("id", TenantId::new);
        String code = tenant.optionalString("code");
        String name = tenant.string("name");
        CustomerId customer = tenant.parsed("customerId", CustomerId::new);
        int status = tenant.optionalInteger("status", 0);
        var command = tenant.build(() -> new SyncTenantUseCase.Command(token, id, code, name, customer, status));

        return switch (syncTenant.sync(command)) {
            case SyncTenantUseCase.Result.Created c -> Envelope.appOk(JsonFields.MAPPER.createObjectNode());
            case SyncTenantUseCase.Result.Updated u -> Envelope.appOk(JsonFields.MAPPER.createObjectNode());
            case SyncTenantUseCase.Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, APP_UNAUTHORIZED);
            case SyncTenantUseCase.Result.OutOfScope o -> Envelope.appRefusal(Ret.AUTH_ERR, o.reason());
            case SyncTenantUseCase.Result.Invalid i -> Envelope.appRefusal(Ret.PARAM_ERR, i.reason());
        };
    }

    private static JsonFields tenantObject(JsonFields body) {
        Optional<JsonFields> misspelt = body.optionalObject("tennat");
        Optional<JsonFields> spelt = body.optionalObject("tenant");
        if (misspelt.isPresent() && spelt.isPresent()) {
            throw new BadRequestException("tennat and tenant are the same object: send one of them, not both");
        }
        return misspelt.or(() -> spelt)
                .orElseThrow(() -> new BadRequestException("tennat is required (or its correct spelling tenant)"));
    }

    /**
     * {@code {"baseRequest":{"token"}, "org":{"id","name","shortName"?,"parentId"?,"tenantId"?,"sort"?}}};
     * {@code parentId} empty or absent makes a root, {@code tenantId} empty or absent means the application's tenant.
     */
    Reply syncOrg(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = baseToken(body);
        JsonFields org = body.object("org");
        OrgId id = org.parsed("id", OrgId::new);
        String name = org.string("name");
        String shortName = org.optionalString("shortName");
        Optional<OrgId> parent = org.optionalString("parentId").isEmpty()
                ? Optional.empty() : Optional.of(org.parsed("parentId", OrgId::new));
        String tenantId = org.optionalString("tenantId").isEmpty()
                ? "" : org.parsed("tenantId", TenantId::new).value();
        int sort = org.optionalInteger("sort", 0);
        var command = org.build(() -> new SyncOrgUseCase.Command(token, id, tenantId, parent, name, shortName, sort));

        return switch (syncOrg.sync(command)) {
            case SyncOrgUseCase.Result.Created c -> Envelope.appOk(JsonFields.MAPPER.createObjectNode());
            case SyncOrgUseCase.Result.Updated u -> Envelope.appOk(JsonFields.MAPPER.createObjectNode());
            case SyncOrgUseCase.Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, APP_UNAUTHORIZED);
            case SyncOrgUseCase.Result.OutOfScope o -> Envelope.appRefusal(Ret.AUTH_ERR, o.reason());
            case SyncOrgUseCase.Result.Invalid i -> Envelope.appRefusal(Ret.PARAM_ERR, i.reason());
        };
    }

    /** {@code {"baseRequest":{"token"}, "orgid", "uid", "sort"?}} */
    Reply addOrgUser(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = baseToken(body);
        OrgId org = body.parsed("orgid", OrgId::new);
        UserId user = body.parsed("uid", UserId::new);
        int sort = body.optionalInteger("sort", 0);
        return changeMembership(new ChangeOrgMembershipUseCase.Command(token, org, user, true, sort));
    }

    /** {@code {"baseRequest":{"token"}, "orgid", "uid"}}; a {@code sort} is ignored like any unknown field. */
    Reply removeOrgUser(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = baseToken(body);
        OrgId org = body.parsed("orgid", OrgId::new);
        UserId user = body.parsed("uid", UserId::new);
        return changeMembership(new ChangeOrgMembershipUseCase.Command(token, org, user, false, 0));
    }

    private Reply changeMembership(ChangeOrgMembershipUseCase.Command command) {
        return switch (changeMembership.change(command)) {
            case ChangeOrgMembershipUseCase.Result.Done d -> Envelope.appOk(JsonFields.MAPPER.createObjectNode()
                    .put("successed", true)
                    .put("changed", d.changed()));
            case ChangeOrgMembershipUseCase.Result.Unauthorized u ->
                    Envelope.appRefusal(Ret.AUTH_ERR, APP_UNAUTHORIZED);
            case ChangeOrgMembershipUseCase.Result.OutOfScope o -> Envelope.appRefusal(Ret.AUTH_ERR, o.reason());
            case ChangeOrgMembershipUseCase.Result.NotFound n -> Envelope.appRefusal(Ret.NOT_FOUND, n.reason());
        };
    }

    Reply orgUsersByApplication(Context ctx) {
        return orgUsers(ctx, Caller.Application::new, APP_UNAUTHORIZED);
    }

    Reply orgUsersByUser(Context ctx) {
        return orgUsers(ctx, Caller.User::new, AddressBookEndpoints.USER_UNAUTHORIZED);
    }

    /** {@code {"baseRequest":{"token"}, "orgid"}}: the org's direct members, each with its sort in the org. */
    private Reply orgUsers(Context ctx, Function<Secret, Caller> caller, String unauthorized) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = baseToken(body);
        OrgId org = body.parsed("orgid", OrgId::new);

        return switch (listOrgUsers.list(new ListOrgUsersUseCase.Query(caller.apply(token), org))) {
            case ListOrgUsersUseCase.Result.Members m -> {
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                extra.put("memberCount", m.members().size());
                ArrayNode list = extra.putArray("memberList");
                m.members().forEach(member -> list.add(LegacyMember.of(member.user(), member.sort(), false)));
                yield Envelope.appOk(extra);
            }
            case ListOrgUsersUseCase.Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, unauthorized);
            case ListOrgUsersUseCase.Result.NotFound n -> Envelope.appRefusal(Ret.NOT_FOUND, n.reason());
        };
    }

    /** {@code {"baseRequest":{"token"}, "uid"}}: the orgs the user belongs to. */
    Reply userOrgs(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = baseToken(body);
        UserId user = body.parsed("uid", UserId::new);

        return switch (listUserOrgs.list(new ListUserOrgsUseCase.Query(token, user))) {
            case ListUserOrgsUseCase.Result.Orgs o -> {
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                extra.put("orgCount", o.orgs().size());
                ArrayNode list = extra.putArray("orgList");
                o.orgs().forEach(org -> list.add(json(org)));
                yield Envelope.appOk(extra);
            }
            case ListUserOrgsUseCase.Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, APP_UNAUTHORIZED);
            case ListUserOrgsUseCase.Result.NotFound n -> Envelope.appRefusal(Ret.NOT_FOUND, n.reason());
        };
    }

    /** {@code {"baseRequest":{"token"}, "token":"<user token>", "uid"}}: is this user token the user's? */
    Reply verifyUser(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = baseToken(body);
        Secret userToken = body.parsed("token", Secret::new);
        UserId user = body.parsed("uid", UserId::new);

        return switch (verifyUserToken.verify(new VerifyUserTokenUseCase.Query(token, userToken, user))) {
            case VerifyUserTokenUseCase.Result.Verified v -> {
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                extra.put("uid", v.user().id().value());
                extra.set("member", LegacyMember.of(v.user()));
                yield Envelope.appOk(extra);
            }
            case VerifyUserTokenUseCase.Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, APP_UNAUTHORIZED);
            case VerifyUserTokenUseCase.Result.Rejected r -> Envelope.appRefusal(Ret.AUTH_ERR, "auth failure");
        };
    }

    /** {@code baseRequest.token}: the application token, or the user token on the device path. */
    static Secret baseToken(JsonFields body) {
        return body.object("baseRequest").parsed("token", Secret::new);
    }

    /** An org as {@code getOrgList} lists it; the legacy {@code location} is internal and not sent. */
    private static ObjectNode json(Org org) {
        ObjectNode o = JsonFields.MAPPER.createObjectNode();
        o.put("id", org.id().value());
        o.put("name", org.name());
        o.put("shortName", org.shortName());
        o.put("parentId", org.parent().map(OrgId::value).orElse(""));
        o.put("tenantId", org.tenant().value());
        o.put("sort", org.sort());
        return o;
    }
}
