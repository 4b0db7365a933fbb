package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.javalin.http.Context;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.in.ChangeContactUseCase;
import org.appmsg.application.port.in.DeleteTokenUseCase;
import org.appmsg.application.port.in.GetMemberUseCase;
import org.appmsg.application.port.in.GetOrgInfoUseCase;
import org.appmsg.application.port.in.ListApplicationsUseCase;
import org.appmsg.application.port.in.SearchDirectoryUseCase;
import org.appmsg.application.port.in.SearchDirectoryUseCase.Target;
import org.appmsg.application.port.in.ValidateTokenUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.org.OrgTree;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Tenant;

/**
 * A signed-in user's address book on the device path, user token in {@code baseRequest.token}:
 * {@code getOrgInfo} ({@link GetOrgInfoUseCase}), {@code getMember} ({@link GetMemberUseCase}), {@code search}
 * ({@link SearchDirectoryUseCase}), {@code addOrRemoveContact} ({@link ChangeContactUseCase}),
 * {@code getApplicationList} ({@link ListApplicationsUseCase}), and the token routes {@code validateToken}
 * ({@link ValidateTokenUseCase}, no {@code baseRequest}) and {@code delToken} ({@link DeleteTokenUseCase}).
 */
final class AddressBookEndpoints {

    static final String USER_UNAUTHORIZED = "token is unknown or expired";
    static final int DEFAULT_SEARCH_LIMIT = 20;

    private static final int MAX_TREES = 10_000;

    private final GetOrgInfoUseCase getOrgInfo;
    private final ConcurrentHashMap<TenantId, TreeJson> treeJson = new ConcurrentHashMap<>();
    private final GetMemberUseCase getMember;
    private final SearchDirectoryUseCase search;
    private final ChangeContactUseCase changeContact;
    private final ValidateTokenUseCase validateToken;
    private final DeleteTokenUseCase deleteToken;
    private final ListApplicationsUseCase listApplications;
    private final int maxBodyBytes;

    AddressBookEndpoints(GetOrgInfoUseCase getOrgInfo, GetMemberUseCase getMember, SearchDirectoryUseCase search,
            ChangeContactUseCase changeContact, ValidateTokenUseCase validateToken, DeleteTokenUseCase deleteToken,
            ListApplicationsUseCase listApplications, int maxBodyBytes) {
        this.getOrgInfo = getOrgInfo;
        this.getMember = getMember;
        this.search = search;
        this.changeContact = changeContact;
        this.validateToken = validateToken;
        this.deleteToken = deleteToken;
        this.listApplications = listApplications;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * {@code {"baseRequest":{"token"}}}: the tenant's org tree under the (misspelt, legacy) {@code ognizationMemberList},
     * the user's own org as {@code userOgnization} (left out when it has none) and its starred contacts.
     */
    Reply orgInfo(Context ctx) {
        Secret token = DirectoryEndpoints.baseToken(JsonFields.readBody(ctx, maxBodyBytes));

        return switch (getOrgInfo.get(new GetOrgInfoUseCase.Query(token))) {
            case GetOrgInfoUseCase.Result.Info info -> {
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                extra.putRawValue("ognizationMemberList", treeJson(info.tenant(), info.roots()));
                info.userOrg().ifPresent(org -> extra.put("userOgnization", org.value()));
                extra.put("starMemberCount", info.contacts().size());
                ArrayNode stars = extra.putArray("starMemberList");
                info.contacts().forEach(contact -> stars.add(LegacyMember.of(contact, 0, true)));
                yield Envelope.appOk(extra);
            }
            case GetOrgInfoUseCase.Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, USER_UNAUTHORIZED);
        };
    }

    /**
     * The tenant node as JSON text, written once per tree: the service hands every caller of a tenant the
     * same tree instance until an org changes, and a large tenant's tree is hundreds of kilobytes.
     */
    private RawValue treeJson(Tenant tenant, List<OrgTree.Node> roots) {
        TreeJson known = treeJson.get(tenant.id());
        if (known != null && known.roots() == roots && known.tenant().equals(tenant)) {
            return known.json();
        }
        RawValue json = new RawValue(tenantNode(tenant, roots).toString());
        if (treeJson.size() >= MAX_TREES) {
            treeJson.clear();
        }
        treeJson.put(tenant.id(), new TreeJson(tenant, roots, json));
        return json;
    }

    private record TreeJson(Tenant tenant, List<OrgTree.Node> roots, RawValue json) {}

    private static ObjectNode tenantNode(Tenant tenant, List<OrgTree.Node> roots) {
        ObjectNode node = JsonFields.MAPPER.createObjectNode();
        node.put("uid", tenant.id().value());
        node.put("userName", new Name(tenant.id().value(), Kind.TENANT).toString());
        node.put("nickName", tenant.name());
        node.put("memberCount", roots.size());
        ArrayNode list = node.putArray("memberList");
        roots.forEach(root -> list.add(orgNode(root)));
        return node;
    }

    /** Recursive; {@link OrgTree} bounds the depth (to {@code Org.MAX_DEPTH}). */
    private static ObjectNode orgNode(OrgTree.Node org) {
        ObjectNode node = JsonFields.MAPPER.createObjectNode();
        node.put("uid", org.org().id().value());
        node.put("userName", new Name(org.org().id().value(), Kind.ORG).toString());
        node.put("nickName", org.org().name());
        node.put("sort", org.org().sort());
        node.put("memberCount", org.children().size());
        ArrayNode list = node.putArray("memberList");
        org.children().forEach(child -> list.add(orgNode(child)));
        return node;
    }

    /** {@code {"baseRequest":{"token"}, "userName":"<uid>@user"}}: never with a password. */
    Reply member(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        Name name = body.parsed("userName", Name::parse);
        if (!name.isUser()) {
            throw new BadRequestException(body.path("userName") + " must name a user, like 42@user (got " + name + ")");
        }

        return switch (getMember.get(new GetMemberUseCase.Query(token, name.userId()))) {
            case GetMemberUseCase.Result.Found f -> Envelope.appOk(JsonFields.MAPPER.createObjectNode()
                    .set("member", LegacyMember.of(f.member(), 0, f.contact())));
            case GetMemberUseCase.Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, USER_UNAUTHORIZED);
            case GetMemberUseCase.Result.NotFound n -> Envelope.appRefusal(Ret.NOT_FOUND, n.reason());
        };
    }

    /**
     * {@code {"baseRequest":{"token"}, "searchKey", "searchType"?:"user"|"app", "offset"?, "limit"?}}; an absent
     * or empty {@code searchType} means {@code user}; {@code offset} defaults to 0, {@code limit} to 20 (1-200).
     */
    Reply search(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        String key = body.string("searchKey");
        Target target = switch (body.optionalString("searchType")) {
            case "", "user" -> Target.USER;
            case "app" -> Target.APP;
            default -> throw new BadRequestException(body.path("searchType") + " must be \"user\" or \"app\"");
        };
        int offset = body.optionalInteger("offset", 0, 0, Integer.MAX_VALUE);
        int limit = body.optionalInteger("limit", DEFAULT_SEARCH_LIMIT, 1, SearchDirectoryUseCase.MAX_LIMIT);
        var query = body.build(() -> new SearchDirectoryUseCase.Query(token, target, key, offset, limit));

        return switch (search.search(query)) {
            case SearchDirectoryUseCase.Result.Users u -> {
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                extra.put("memberListSize", u.users().size());
                ArrayNode list = extra.putArray("memberList");
                u.users().forEach(user -> list.add(LegacyMember.of(user)));
                extra.put("count", u.total());
                yield Envelope.appOk(extra);
            }
            case SearchDirectoryUseCase.Result.Applications a -> {
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                extra.put("memberListSize", a.applications().size());
                ArrayNode list = extra.putArray("memberList");
                a.applications().forEach(app -> list.add(LegacyMember.of(app)));
                extra.put("count", a.total());
                yield Envelope.appOk(extra);
            }
            case SearchDirectoryUseCase.Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, USER_UNAUTHORIZED);
        };
    }

    /** {@code {"baseRequest":{"token"}, "uid":"<contact>", "starFriend":1|0}}: 1 stars, 0 unstars. */
    Reply changeContact(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        UserId contact = body.parsed("uid", UserId::new);
        boolean star = switch (body.integer("starFriend")) {
            case 1 -> true;
            case 0 -> false;
            default -> throw new BadRequestException(body.path("starFriend") + " must be 1 (add) or 0 (remove)");
        };

        return switch (changeContact.change(new ChangeContactUseCase.Command(token, contact, star))) {
            case ChangeContactUseCase.Result.Done d -> Envelope.appOk(JsonFields.MAPPER.createObjectNode()
                    .put("changed", d.changed()));
            case ChangeContactUseCase.Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, USER_UNAUTHORIZED);
            case ChangeContactUseCase.Result.OutOfScope o -> Envelope.appRefusal(Ret.AUTH_ERR, o.reason());
            case ChangeContactUseCase.Result.NotFound n -> Envelope.appRefusal(Ret.NOT_FOUND, n.reason());
        };
    }

    /**
     * {@code {"validToken":"<token>"}}, no {@code baseRequest}. An invalid token is 65533 (the legacy server
     * answered 1001, a defect).
     */
    Reply validateToken(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = body.parsed("validToken", Secret::new);

        return switch (validateToken.validate(new ValidateTokenUseCase.Query(token))) {
            case ValidateTokenUseCase.Result.Valid v -> Envelope.appOk(JsonFields.MAPPER.createObjectNode()
                    .put("uid", v.user().value())
                    .put("expires", v.expiresAt().toString()));
            case ValidateTokenUseCase.Result.Invalid i ->
                    Envelope.appRefusal(Ret.AUTH_ERR, "token is invalid or expired");
        };
    }

    /** {@code {"baseRequest":{"token"}, "delToken":"<one of the caller's tokens>"}} */
    Reply deleteToken(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        Secret revoked = body.parsed("delToken", Secret::new);

        return switch (deleteToken.delete(new DeleteTokenUseCase.Command(token, revoked))) {
            case DeleteTokenUseCase.Result.Deleted d -> Envelope.appOk(JsonFields.MAPPER.createObjectNode()
                    .put("deleted", d.existed()));
            case DeleteTokenUseCase.Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, USER_UNAUTHORIZED);
            case DeleteTokenUseCase.Result.NotYours n ->
                    Envelope.appRefusal(Ret.AUTH_ERR, "delToken belongs to another user");
        };
    }

    /** {@code {"baseRequest":{"token"}}}: the tenant's enabled applications as members. */
    Reply applications(Context ctx) {
        Secret token = DirectoryEndpoints.baseToken(JsonFields.readBody(ctx, maxBodyBytes));

        return switch (listApplications.list(new ListApplicationsUseCase.Query(token))) {
            case ListApplicationsUseCase.Result.Applications a -> {
                ObjectNode extra = JsonFields.MAPPER.createObjectNode();
                extra.put("memberCount", a.applications().size());
                ArrayNode list = extra.putArray("memberList");
                a.applications().forEach(app -> list.add(LegacyMember.of(app)));
                yield Envelope.appOk(extra);
            }
            case ListApplicationsUseCase.Result.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, USER_UNAUTHORIZED);
        };
    }
}
