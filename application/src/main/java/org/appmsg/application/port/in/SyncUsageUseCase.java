package org.appmsg.application.port.in;

/**
 * What keeps a node's usage counting in step with the database: {@link #flush} moves the counts made since the last
 * flush into the ledger (the server runs it every second: a {@code kill -9} loses at most that much), and
 * {@link #refresh} re-reads the quota rows and time zones (every 2 s: a change made on another node applies here
 * within 5 s). Both may be called from any thread; a storage failure is thrown and the next call tries again.
 */
public interface SyncUsageUseCase {

    void flush();

    void refresh();
}
