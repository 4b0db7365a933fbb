package org.appmsg.application.port.out;

/** Whether the store answers right now. */
public interface StorageHealth {

    /** True when a trivial query succeeds within a short timeout; never throws. */
    boolean reachable();
}
