package org.appmsg.domain.user;

import org.appmsg.domain.shared.Text;

/**
 * What the directory knows about a user besides identity and password, with the legacy field
 * meanings: {@code name} is the login name, {@code nickname} the display name, {@code pyInitial} and
 * {@code pyQuanPin} the pinyin initials and full pinyin used for sorting and search.
 */
public record UserProfile(String name, String nickname, String email, String mobile, String avatar,
        String status, String pyInitial, String pyQuanPin, String area) {

    public UserProfile {
        Text.required("name", name, 64);
        Text.bounded("nickName", nickname, 128);
        Text.bounded("email", email, 128);
        Text.bounded("mobile", mobile, 32);
        Text.bounded("avatar", avatar, 256);
        Text.bounded("status", status, 16);
        Text.bounded("pYInitial", pyInitial, 64);
        Text.bounded("pYQuanPin", pyQuanPin, 256);
        Text.bounded("area", area, 128);
        if (name.indexOf('@') >= 0) {
            // login looks names up by e-mail when the login string has an '@', so a name cannot have one
            throw new org.appmsg.domain.shared.DomainViolation("user.name_malformed", "name must not contain '@'");
        }
    }
}
