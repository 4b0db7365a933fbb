package org.appmsg.domain.qun;

import java.util.Objects;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.shared.UserId;

/**
 * A user as the group sees them when they join: id, tenant (a group only takes users of its own tenant) and
 * nickname (the display name used in notice texts; may be empty, then the user id is shown).
 */
public record Person(UserId id, TenantId tenant, String nickname) {

    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Text.bounded("nickName", nickname, 128);
    }

    /** The nickname, or the user id when the nickname is empty or blank. */
    public String displayName() {
        return Member.displayName(nickname, id);
    }
}
