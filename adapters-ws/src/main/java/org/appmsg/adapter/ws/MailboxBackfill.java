package org.appmsg.adapter.ws;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.appmsg.application.port.in.ReadLastMidUseCase;
import org.appmsg.application.port.in.ReplayMailboxUseCase;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.name.Name;

/**
 * {@link MidSequencer.Backfill} over the mailbox use cases: gap checks on the adapter's timer (the sweeper's
 * thread, which they never block), reads on its virtual-thread executor.
 */
record MailboxBackfill(ReplayMailboxUseCase replay, ReadLastMidUseCase last, int pageSize, Duration gapWait,
        ScheduledExecutorService timer, ExecutorService blocking) implements MidSequencer.Backfill {

    @Override
    public List<MailboxEntry> page(Name mailbox, long mid) {
        return replay.replay(new ReplayMailboxUseCase.Query(mailbox, mid, pageSize));
    }

    @Override
    public long lastMid(Name mailbox) {
        return last.lastMid(new ReadLastMidUseCase.Query(mailbox));
    }

    @Override
    public long gapWaitNanos() {
        return gapWait.toNanos();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        try {
            timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // stopping: every connection is being closed
        }
    }

    @Override
    public boolean execute(Runnable read) {
        try {
            blocking.execute(read);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
