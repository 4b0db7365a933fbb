package org.appmsg.application.port.out;

import java.util.List;
import java.util.Optional;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsScope;

/**
 * The operator's APNs credentials, one per {@link ApnsScope}. Holds secrets: implementations never log them.
 * Thread-safe; failures surface as {@link StorageUnavailableException}.
 */
public interface ApnsCredentialStore {

    /** Stores {@code credential}, replacing the one of its scope. */
    void save(ApnsCredential credential);

    Optional<ApnsCredential> find(ApnsScope scope);

    /** Removes the scope's credential; false when there was none. */
    boolean delete(ApnsScope scope);

    /** Every stored credential, customers first, each kind by id. */
    List<ApnsCredential> all();
}
