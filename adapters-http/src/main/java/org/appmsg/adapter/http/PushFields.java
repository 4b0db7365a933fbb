package org.appmsg.adapter.http;

import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.session.SessionSelector;

/** Push fields that every push route reads the same way, from the object that holds them. */
final class PushFields {

    private PushFields() {}

    private static final JsonFields.Item<String> SESSION = JsonFields.Item.text("strings", s -> s);

    /**
     * {@code sessions}: absent means every session, {@code []} none (stored only), else a selector (R1). Every item
     * must be a string (the legacy server panicked on others, answering 0).
     */
    static SessionSelector sessions(JsonFields holder) {
        return holder.optionalList("sessions", SESSION)
                .map(list -> holder.build(() -> SessionSelector.parse(list)))
                .orElseGet(SessionSelector.All::new);
    }

    /**
     * {@code expire} in seconds: absent means the server's default, 0 live only, else 1 s up to a year. Beside it,
     * {@code apns} (true or false, default false): with {@code expire} 0, true asks that iOS devices which do not
     * get the message live on an active session be notified all the same; a stored message notifies them anyway.
     */
    static Lifetime lifetime(JsonFields holder) {
        boolean apns = holder.optionalBool("apns", false);
        if (holder.optional("expire").isEmpty()) {
            return Lifetime.serverDefault();
        }
        Lifetime lifetime = holder.build(() -> Lifetime.ofExpireSeconds(holder.optionalNonNegativeLong("expire", 0)));
        return apns && lifetime instanceof Lifetime.LiveOnly ? new Lifetime.LiveOnly(true) : lifetime;
    }
}
