package org.appmsg.domain.qun;

import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.shared.Ids;

/** The id of a group; on the wire the group is {@code {id}@qun} (also the sender of every group notice). */
public record QunId(String value) {

    public QunId {
        Ids.check("qun id", value);
    }

    /** {@code {id}@qun}: the group as a message target, and the {@code fromUserName} of its notices. */
    public Name name() {
        return new Name(value, Kind.QUN);
    }

    @Override
    public String toString() {
        return value;
    }
}
