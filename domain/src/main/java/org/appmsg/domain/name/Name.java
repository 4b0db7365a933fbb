package org.appmsg.domain.name;

import java.util.Objects;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Ids;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.shared.UserId;

/**
 * A party that messages are addressed to or come from, written {@code id@suffix} on the wire
 * ({@code 123@user}, {@code 9@qun}, {@code 7@app}, {@code 3@org}, {@code 1@tenant}).
 * A user's name is also the key of that user's mailbox.
 */
public record Name(String id, Kind kind) {

    public Name {
        Ids.check(kindWord(kind) + " id", id);
        Objects.requireNonNull(kind, "kind");
    }

    public static Name of(UserId user) {
        return new Name(user.value(), Kind.USER);
    }

    /** Parses {@code id@suffix}; anything else is a violation that says what was expected. */
    public static Name parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new DomainViolation("name.missing", "a name like \"123@user\" is required");
        }
        int at = text.indexOf('@');
        if (at < 0) {
            throw new DomainViolation("name.malformed",
                    "\"" + Text.clip(text) + "\" is not a name: expected id@user, id@qun, id@app, id@org or id@tenant");
        }
        Kind kind = Kind.ofSuffix(text.substring(at)).orElseThrow(() -> new DomainViolation("name.malformed",
                "\"" + Text.clip(text) + "\" has an unknown suffix: expected @user, @qun, @app, @org or @tenant"));
        return new Name(text.substring(0, at), kind);
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }

    /** The user this name denotes; only for {@link Kind#USER} names. */
    public UserId userId() {
        if (kind != Kind.USER) {
            throw new IllegalStateException(this + " is not a user");
        }
        return new UserId(id);
    }

    @Override
    public String toString() {
        return id + kind.suffix();
    }

    private static String kindWord(Kind kind) {
        return kind == null ? "name" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
