package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.appmsg.application.port.in.AddQunMembersUseCase;
import org.appmsg.application.port.in.CreateQunUseCase;
import org.appmsg.application.port.in.GetQunMembersUseCase;
import org.appmsg.application.port.in.QunResult;
import org.appmsg.application.port.in.RemoveQunMembersUseCase;
import org.appmsg.application.port.in.RenameQunUseCase;
import org.appmsg.application.port.in.SetQunInviteUseCase;
import org.appmsg.application.port.in.SetQunMemberRoleUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.qun.Role;
import org.appmsg.domain.shared.UserId;

/**
 * The group (qun) routes on the device path, user token in {@code baseRequest.token} (legacy spec §3.6, rules
 * in docs/groups.md): {@code create-qun} ({@link CreateQunUseCase}), {@code getQunMembers}
 * ({@link GetQunMembersUseCase}), {@code updateQunTopic} ({@link RenameQunUseCase}), {@code addQunMember}
 * ({@link AddQunMembersUseCase}), {@code delQunMember} ({@link RemoveQunMembersUseCase}), {@code setQunMemberRole}
 * ({@link SetQunMemberRoleUseCase}) and {@code setQunInvite} ({@link SetQunInviteUseCase}).
 *
 * <p>Codes: bad token 65533; not a member 65538; role does not allow it 65533 (legacy said 65535, which clients
 * read as a server failure); unknown group or user 65531, and so is another tenant's (no caller learns what another
 * tenant holds); full, a role's target not in the group, malformed 65534.
 */
final class QunEndpoints {

    static final String RENAMED = "update Qun Topic success";

    private final CreateQunUseCase create;
    private final GetQunMembersUseCase get;
    private final RenameQunUseCase rename;
    private final AddQunMembersUseCase add;
    private final RemoveQunMembersUseCase remove;
    private final SetQunMemberRoleUseCase setRole;
    private final SetQunInviteUseCase setInvite;
    private final int maxBodyBytes;

    QunEndpoints(CreateQunUseCase create, GetQunMembersUseCase get, RenameQunUseCase rename,
            AddQunMembersUseCase add, RemoveQunMembersUseCase remove, SetQunMemberRoleUseCase setRole,
            SetQunInviteUseCase setInvite, int maxBodyBytes) {
        this.create = create;
        this.get = get;
        this.rename = rename;
        this.add = add;
        this.remove = remove;
        this.setRole = setRole;
        this.setInvite = setInvite;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * {@code {"baseRequest":{"token"}, "topic", "memberList":[{"uid"}], "memberCount", "ownerOnlyInvite"?}}:
     * {@code ChatRoomName}, {@code topic}, {@code memberCount} (the request's, as legacy echoed it; else the number
     * of members) and the members. {@code ownerOnlyInvite} (default false) lets only the owner add members.
     */
    Reply create(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        String topic = body.string("topic");
        List<UserId> members = memberIds(body, "memberList");
        int echoedCount = body.optionalInteger("memberCount", -1, 0, Integer.MAX_VALUE);
        boolean ownerOnlyInvite = body.optionalBool("ownerOnlyInvite", false);
        var command = body.build(() -> new CreateQunUseCase.Command(token, topic, members, ownerOnlyInvite));

        return reply(create.create(command), done -> {
            ObjectNode extra = JsonFields.MAPPER.createObjectNode();
            extra.put("ChatRoomName", done.qun().id().name().toString());
            extra.put("topic", done.qun().topic());
            extra.put("memberCount", echoedCount >= 0 ? echoedCount : done.members().size());
            extra.set("memberList", memberList(done));
            return Envelope.appOk(extra);
        });
    }

    /** {@code {"baseRequest":{"token"}, "userName":"{qid}@qun"}}: {@code memberList}, {@code memberCount}, {@code quninfo}. */
    Reply members(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        QunId qun = qunId(body, "userName");

        return reply(get.get(new GetQunMembersUseCase.Query(token, qun)), done -> {
            ObjectNode extra = JsonFields.MAPPER.createObjectNode();
            extra.set("memberList", memberList(done));
            extra.put("memberCount", done.members().size());
            extra.set("quninfo", qunInfo(done));
            return Envelope.appOk(extra);
        });
    }

    /** {@code {"baseRequest":{"token"}, "ChatRoomName":"{qid}@qun", "topic"}}: errMsg {@value #RENAMED}. */
    Reply rename(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        QunId qun = qunId(body, "ChatRoomName");
        String topic = body.string("topic");
        var command = body.build(() -> new RenameQunUseCase.Command(token, qun, topic));

        return reply(rename.rename(command),
                done -> Envelope.app(200, Ret.OK, RENAMED, JsonFields.MAPPER.createObjectNode()));
    }

    /** {@code {"baseRequest":{"token"}, "ChatRoomName", "memberList":[{"uid"}]}}: {@code quninfo}, members. */
    Reply addMembers(Context ctx) {
        return changeMembers(ctx,
                (token, qun, members) -> add.add(new AddQunMembersUseCase.Command(token, qun, members)));
    }

    /** Like {@link #addMembers}; a list holding only the caller is leaving. */
    Reply removeMembers(Context ctx) {
        return changeMembers(ctx,
                (token, qun, members) -> remove.remove(new RemoveQunMembersUseCase.Command(token, qun, members)));
    }

    /**
     * Builds the command of {@code addQunMember} or {@code delQunMember} and runs it; a command's
     * {@link org.appmsg.domain.shared.DomainViolation} (an empty list) is bad input, as {@link Endpoint} answers it.
     */
    @FunctionalInterface
    private interface MembersChange {
        QunResult change(Secret token, QunId qun, List<UserId> members);
    }

    private Reply changeMembers(Context ctx, MembersChange change) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        QunId qun = qunId(body, "ChatRoomName");
        List<UserId> members = memberIds(body, "memberList");

        return reply(change.change(token, qun, members), QunEndpoints::changedMembers);
    }

    /**
     * {@code {"baseRequest":{"token"}, "ChatRoomName", "userName":"{uid}@user", "role":"owner"|"admin"|"member"}}:
     * like {@link #addMembers}. {@code "owner"} hands ownership over.
     */
    Reply setMemberRole(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        QunId qun = qunId(body, "ChatRoomName");
        UserId member = userId(body, "userName");
        Role role = role(body, "role");

        return reply(setRole.setRole(new SetQunMemberRoleUseCase.Command(token, qun, member, role)),
                QunEndpoints::changedMembers);
    }

    /** {@code {"baseRequest":{"token"}, "ChatRoomName", "ownerOnlyInvite":true|false}}: like {@link #addMembers}. */
    Reply setInvite(Context ctx) {
        JsonFields body = JsonFields.readBody(ctx, maxBodyBytes);
        Secret token = DirectoryEndpoints.baseToken(body);
        QunId qun = qunId(body, "ChatRoomName");
        boolean ownerOnly = body.bool("ownerOnlyInvite");

        return reply(setInvite.setInvite(new SetQunInviteUseCase.Command(token, qun, ownerOnly)),
                QunEndpoints::changedMembers);
    }

    private static Reply changedMembers(QunResult.Done done) {
        ObjectNode extra = JsonFields.MAPPER.createObjectNode();
        extra.set("quninfo", qunInfo(done));
        extra.set("memberList", memberList(done));
        extra.put("memberCount", done.members().size());
        return Envelope.appOk(extra);
    }

    private static Reply reply(QunResult result, Function<QunResult.Done, Reply> ok) {
        return switch (result) {
            case QunResult.Done done -> ok.apply(done);
            case QunResult.Unauthorized u -> Envelope.appRefusal(Ret.AUTH_ERR, AddressBookEndpoints.USER_UNAUTHORIZED);
            case QunResult.NotFound n -> Envelope.appRefusal(Ret.NOT_FOUND, n.reason());
            case QunResult.Refused r -> Envelope.appRefusal(switch (r.reason()) {
                case NOT_MEMBER -> Ret.NOT_MEMBER;
                case NOT_ALLOWED -> Ret.AUTH_ERR;
                case FULL, OTHER_TENANT, UNKNOWN_MEMBER -> Ret.PARAM_ERR;
            }, r.message());
        };
    }

    /** {@code {qid}@qun}. */
    private static QunId qunId(JsonFields body, String field) {
        Name name = body.parsed(field, Name::parse);
        if (name.kind() != Kind.QUN) {
            throw new BadRequestException(body.path(field) + " must name a group like \"123@qun\"");
        }
        return body.build(() -> new QunId(name.id()));
    }

    /** {@code {uid}@user}. */
    private static UserId userId(JsonFields body, String field) {
        Name name = body.parsed(field, Name::parse);
        if (!name.isUser()) {
            throw new BadRequestException(body.path(field) + " must name a user like \"42@user\"");
        }
        return name.userId();
    }

    /** The wire words of {@link Role}. */
    private static Role role(JsonFields body, String field) {
        return switch (body.string(field)) {
            case "owner" -> Role.OWNER;
            case "admin" -> Role.ADMIN;
            case "member" -> Role.MEMBER;
            default -> throw new BadRequestException(body.path(field) + " must be \"owner\", \"admin\" or \"member\"");
        };
    }

    /** A member object: its {@code uid} string (other fields, e.g. nickName, are ignored). */
    private static final JsonFields.Item<UserId> MEMBER =
            JsonFields.Item.object("objects", member -> member.parsed("uid", UserId::new));

    /** A required array of member objects. */
    private static List<UserId> memberIds(JsonFields body, String field) {
        return body.list(field, MEMBER);
    }

    /** The legacy member objects, each with the member's {@code role} added (0 owner, 1 admin, 2 member). */
    private static ArrayNode memberList(QunResult.Done done) {
        Map<UserId, Role> roles = new HashMap<>();
        done.qun().members().forEach(m -> roles.put(m.user(), m.role()));
        ArrayNode list = JsonFields.MAPPER.createArrayNode();
        for (var user : done.members()) {
            ObjectNode member = LegacyMember.of(user);
            Role role = roles.get(user.id());
            if (role != null) {
                member.put("role", role.code());
            }
            list.add(member);
        }
        return list;
    }

    /**
     * The legacy qun info. {@code creatorId} is the current owner (who holds the creator's powers); empty once
     * the group is dissolved. {@code created}/{@code updated} are RFC 3339 timestamps in UTC with milliseconds
     * when not zero ({@link java.time.Instant#toString()}, as the session objects), e.g.
     * {@code 2025-06-01T08:00:00.123Z}. {@code ownerOnlyInvite}: only the owner may add members.
     */
    private static ObjectNode qunInfo(QunResult.Done done) {
        Qun qun = done.qun();
        ObjectNode o = JsonFields.MAPPER.createObjectNode();
        String owner = qun.owner().map(m -> m.user().value()).orElse("");
        o.put("id", qun.id().value());
        o.put("creatorId", owner);
        o.put("creatorUserName", owner.isEmpty() ? "" : owner + "@user");
        o.put("name", qun.topic());
        o.put("description", "");
        o.put("maxMember", qun.maxMembers());
        o.put("avatar", "");
        o.put("tenantId", qun.tenant().value());
        o.put("created", done.created().toString());
        o.put("updated", done.updated().toString());
        o.put("ownerOnlyInvite", qun.ownerOnlyInvite());
        return o;
    }
}
