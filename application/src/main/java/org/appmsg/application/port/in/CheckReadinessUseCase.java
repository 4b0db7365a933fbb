package org.appmsg.application.port.in;

import java.util.List;

/** Whether this node can serve traffic: storage reachable (listeners are the caller's own business). */
@FunctionalInterface
public interface CheckReadinessUseCase {

    /** Empty when ready; otherwise what is not. */
    List<String> problems();
}
