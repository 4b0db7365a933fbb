package org.appmsg.application.port.out;

import java.util.Optional;

/** The digest of the operator's admin key (one per installation). */
public interface AdminKeyStore {

    Optional<String> digest();

    /** Replaces the stored digest (or stores the first one). */
    void replace(String digest);
}
