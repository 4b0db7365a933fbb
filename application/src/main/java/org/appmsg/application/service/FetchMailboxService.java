package org.appmsg.application.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.FetchMailboxUseCase;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.domain.message.MailboxEntry;

/** Offline fetch: only the key's own user may read its mailbox (the legacy server let anyone). */
public final class FetchMailboxService implements FetchMailboxUseCase {

    private final AuthenticateUserUseCase authenticate;
    private final Mailbox mailbox;
    private final Clock clock;

    public FetchMailboxService(AuthenticateUserUseCase authenticate, Mailbox mailbox, Clock clock) {
        this.authenticate = authenticate;
        this.mailbox = mailbox;
        this.clock = clock;
    }

    @Override
    public Result fetch(Query query) {
        Optional<AuthenticateUserUseCase.Authenticated> auth = authenticate.authenticate(query.token());
        if (auth.isEmpty() || !query.key().belongsTo(auth.get().user().id())) {
            return new Result.Unauthorized();
        }
        // one extra entry tells whether another page follows, without a count query
        List<MailboxEntry> entries = mailbox.readAfter(query.key().mailbox(), query.afterMid(), query.limit() + 1,
                clock.instant());
        boolean more = entries.size() > query.limit();
        return new Result.Page(more ? entries.subList(0, query.limit()) : entries, more);
    }
}
