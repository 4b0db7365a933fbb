package org.appmsg.application.port.out;

/** Whether the store answers, as far as this node knows: no call waits to find out. */
public interface StorageHealth {

    /**
     * False from the moment a call lost its connection or a background check failed, until a check succeeds again;
     * answers at once from that state and never throws.
     */
    boolean reachable();
}
