package org.appmsg.application.fake;

import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MessageId;

/** Predictable ids and secrets for tests: 1, 2, 3… and "secret-1", "secret-2"… */
public final class SequentialIds implements IdGenerator {

    private final AtomicLong next = new AtomicLong();

    @Override
    public MessageId nextMessageId() {
        return new MessageId(next.incrementAndGet());
    }

    @Override
    public String newEntityId() {
        return "id-" + next.incrementAndGet();
    }

    @Override
    public Secret newSecret() {
        return new Secret("secret-" + next.incrementAndGet());
    }
}
