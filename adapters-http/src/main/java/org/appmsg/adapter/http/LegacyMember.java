package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;

/**
 * The legacy {@code member} object (legacy spec 3.4) with every field the Go struct serialised, in
 * its order, and deliberately without {@code password}: the field is left out, not emptied.
 */
final class LegacyMember {

    private LegacyMember() {}

    static ObjectNode of(User user) {
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
        m.put("starFriend", 0);
        m.put("avatar", p.avatar());
        m.put("sort", 0);
        m.put("tenantId", user.tenant().value());
        m.put("email", p.email());
        m.put("mobile", p.mobile());
        m.put("tel", "");
        m.put("area", p.area());
        m.put("description", "");
        m.put("orgName", "");
        return m;
    }
}
