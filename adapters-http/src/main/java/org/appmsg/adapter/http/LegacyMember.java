package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;

/**
 * The legacy {@code member} object (legacy spec 3.4) with every field the Go struct serialised, in
 * its order, and deliberately without {@code password}: the field is left out, not emptied. An
 * application appears in member lists ({@code search}, {@code getApplicationList}) as {@link #of(Application)}.
 */
final class LegacyMember {

    private LegacyMember() {}

    /** A user outside any org and not a starred contact: {@code sort} 0, {@code starFriend} 0. */
    static ObjectNode of(User user) {
        return of(user, 0, false);
    }

    /**
     * @param sort the user's order inside the org being listed
     * @param starFriend the user is one of the caller's starred contacts ({@code "starFriend":1})
     */
    static ObjectNode of(User user, int sort, boolean starFriend) {
        UserProfile p = user.profile();
        ObjectNode m = JsonFields.MAPPER.createObjectNode();
        m.put("uid", user.id().value());
        m.put("userName", Name.of(user.id()).toString());
        m.put("name", p.name());
        m.put("nickName", p.nickname());
        m.put("headImgUrl", "");
        m.put("memberCount", 0);
        m.putNull("memberList");
        m.put("pYInitial", p.pyInitial());
        m.put("pYQuanPin", p.pyQuanPin());
        m.put("status", p.status());
        m.put("starFriend", starFriend ? 1 : 0);
        m.put("avatar", p.avatar());
        m.put("sort", sort);
        m.put("tenantId", user.tenant().value());
        m.put("email", p.email());
        m.put("mobile", p.mobile());
        m.put("tel", "");
        m.put("area", p.area());
        m.put("description", "");
        m.put("orgName", "");
        return m;
    }

    /** An application as a member: {@code id@app}, always {@code status "1"} (only enabled ones are listed). */
    static ObjectNode of(Application app) {
        ObjectNode m = JsonFields.MAPPER.createObjectNode();
        m.put("uid", app.id().value());
        m.put("userName", new Name(app.id().value(), Kind.APP).toString());
        m.put("name", app.name());
        m.put("nickName", app.name());
        m.put("status", "1");
        m.put("sort", 0);
        m.put("avatar", "");
        m.put("tenantId", app.tenant().value());
        m.put("pYInitial", "");
        m.put("pYQuanPin", "");
        m.put("description", "");
        return m;
    }
}
