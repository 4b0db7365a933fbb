package org.appmsg.application.port.out;

import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MessageId;

/** Identity and randomness for the core, injected so that tests control them. Thread-safe. */
public interface IdGenerator {

    /** A message id unique across the cluster and roughly increasing with time. */
    MessageId nextMessageId();

    /** An id for an entity created without one (customer, tenant, application): unique, URL-safe. */
    String newEntityId();

    /** A fresh credential with at least 256 bits from a cryptographically strong source. */
    Secret newSecret();
}
