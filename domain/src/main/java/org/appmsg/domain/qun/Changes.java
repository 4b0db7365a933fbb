package org.appmsg.domain.qun;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.appmsg.domain.shared.UserId;

/**
 * The rows an operation changed, for persistence: insert the {@code qun} row if {@code qunCreated}, rewrite it
 * (topic, settings) if {@code qunUpdated}, delete it if {@code qunDissolved} (the last member left); insert
 * {@code added} memberships, delete {@code removed} ones, and update the role of {@code roleChanged} ones.
 */
public record Changes(boolean qunCreated, boolean qunUpdated, boolean qunDissolved,
        List<Member> added, List<UserId> removed, List<Member> roleChanged) {

    public Changes {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        roleChanged = List.copyOf(roleChanged);
    }

    static Changes created(List<Member> members) {
        return new Changes(true, false, false, members, List.of(), List.of());
    }

    static Changes updated() {
        return new Changes(false, true, false, List.of(), List.of(), List.of());
    }

    static Changes added(List<Member> members) {
        return new Changes(false, false, false, members, List.of(), List.of());
    }

    static Changes removed(List<UserId> users, List<Member> roleChanged, boolean dissolved) {
        return new Changes(false, false, dissolved, List.of(), users, roleChanged);
    }

    static Changes roles(List<Member> roleChanged) {
        return new Changes(false, false, false, List.of(), List.of(), roleChanged);
    }

    /** This change followed by {@code next}. */
    Changes then(Changes next) {
        return new Changes(qunCreated || next.qunCreated, qunUpdated || next.qunUpdated, next.qunDissolved,
                concat(added, next.added), concat(removed, next.removed), concat(roleChanged, next.roleChanged));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(Objects.requireNonNull(b));
        return all;
    }
}
