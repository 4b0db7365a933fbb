package org.appmsg.application.service;

import java.util.ArrayList;
import java.util.List;
import org.appmsg.application.port.in.CheckReadinessUseCase;
import org.appmsg.application.port.out.StorageHealth;

public final class CheckReadinessService implements CheckReadinessUseCase {

    /** A cluster's link is always up on a node without one. */
    private static final StorageHealth NO_CLUSTER = () -> true;

    private final StorageHealth storage;
    private final StorageHealth cluster;

    /** For a single node: only the database counts. */
    public CheckReadinessService(StorageHealth storage) {
        this(storage, NO_CLUSTER);
    }

    /**
     * For a node of a cluster: {@code cluster} is its link to the shared presence and bus (Redis); while that is
     * down the node still serves its own sockets but cannot reach the others, so it is not ready.
     */
    public CheckReadinessService(StorageHealth storage, StorageHealth cluster) {
        this.storage = storage;
        this.cluster = cluster;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>(2);
        if (!storage.reachable()) {
            problems.add("database unreachable");
        }
        if (!cluster.reachable()) {
            problems.add("redis unreachable");
        }
        return List.copyOf(problems);
    }
}
