package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupFlushTest {

    /** A thread per caller (the common pool may have a single one on a small machine). */
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** A flush that counts its rounds and, when gated, waits for the test to release each one. */
    private static final class Gated implements GroupFlush.Flush {
        final AtomicInteger rounds = new AtomicInteger();
        final Semaphore entered = new Semaphore(0);
        final Semaphore release = new Semaphore(0);
        volatile boolean gated = true;
        volatile RuntimeException failNext;

        @Override
        public void run() {
            rounds.incrementAndGet();
            entered.release();
            if (gated) {
                release.acquireUninterruptibly();
            }
            RuntimeException failure = failNext;
            if (failure != null) {
                failNext = null;
                throw failure;
            }
        }
    }

    @Test
    void a_lone_caller_runs_one_flush_and_returns_after_it() {
        Gated flush = new Gated();
        flush.gated = false;
        GroupFlush group = new GroupFlush(flush, Duration.ZERO);

        group.awaitDurable();
        group.awaitDurable();

        assertThat(flush.rounds).hasValue(2);
    }

    @Test
    void callers_that_arrive_while_a_flush_runs_wait_for_the_next_one_and_share_it() throws Exception {
        Gated flush = new Gated();
        GroupFlush group = new GroupFlush(flush, Duration.ZERO);
        CompletableFuture<Void> first = CompletableFuture.runAsync(group::awaitDurable, threads);
        assertThat(flush.entered.tryAcquire(5, TimeUnit.SECONDS)).isTrue(); // round 1 runs for the first caller

        List<CompletableFuture<Void>> later = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            later.add(CompletableFuture.runAsync(group::awaitDurable, threads));
        }
        Thread.sleep(100); // let them all queue behind round 1
        flush.release.release(); // round 1 ends: covers the first caller only
        first.get(5, TimeUnit.SECONDS);

        assertThat(flush.entered.tryAcquire(5, TimeUnit.SECONDS)).as("round 2 started").isTrue();
        Thread.sleep(100);
        assertThat(later).as("round 1 started before their calls, so it does not cover them")
                .noneMatch(CompletableFuture::isDone);
        flush.release.release();
        for (CompletableFuture<Void> f : later) {
            f.get(5, TimeUnit.SECONDS);
        }
        assertThat(flush.rounds).as("eight callers, one shared round").hasValue(2);
    }

    @Test
    void a_failed_flush_fails_its_callers_and_the_next_call_flushes_again() throws Exception {
        Gated flush = new Gated();
        flush.gated = false;
        flush.failNext = new IllegalStateException("disk gone");
        GroupFlush group = new GroupFlush(flush, Duration.ZERO);

        assertThatThrownBy(group::awaitDurable).isInstanceOf(StorageUnavailableException.class)
                .hasRootCauseMessage("disk gone");
        group.awaitDurable();

        assertThat(flush.rounds).hasValue(2);
    }

    @Test
    void a_failure_reaches_every_caller_that_round_was_for() throws Exception {
        Gated flush = new Gated();
        GroupFlush group = new GroupFlush(flush, Duration.ZERO);
        CompletableFuture<Void> first = CompletableFuture.runAsync(group::awaitDurable, threads);
        assertThat(flush.entered.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> later = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            later.add(CompletableFuture.runAsync(group::awaitDurable, threads));
        }
        Thread.sleep(100);
        flush.release.release();
        first.get(5, TimeUnit.SECONDS);
        assertThat(flush.entered.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        flush.failNext = new IllegalStateException("disk gone");
        flush.release.release();

        for (CompletableFuture<Void> f : later) {
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(StorageUnavailableException.class);
        }
        assertThat(flush.rounds).hasValue(2);
    }

    @Test
    void a_lone_caller_is_not_held_back_by_the_minimum_interval() {
        List<Long> starts = new ArrayList<>();
        GroupFlush group = new GroupFlush(() -> starts.add(System.nanoTime()), Duration.ofSeconds(5));

        long begun = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            group.awaitDurable();
        }

        assertThat(starts).hasSize(3);
        assertThat(System.nanoTime() - begun).isLessThan(TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void after_a_shared_round_the_next_starts_no_sooner_than_the_minimum_interval() throws Exception {
        Gated flush = new Gated();
        List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
        GroupFlush group = new GroupFlush(() -> {
            starts.add(System.nanoTime());
            flush.run();
        }, Duration.ofMillis(300));
        CompletableFuture<Void> first = CompletableFuture.runAsync(group::awaitDurable, threads);
        assertThat(flush.entered.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> shared = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shared.add(CompletableFuture.runAsync(group::awaitDurable, threads));
        }
        Thread.sleep(100);
        flush.gated = false;
        flush.release.release(); // round 1 ends; round 2 serves the three callers
        first.get(5, TimeUnit.SECONDS);
        for (CompletableFuture<Void> f : shared) {
            f.get(5, TimeUnit.SECONDS);
        }

        group.awaitDurable(); // round 3, after the shared round 2

        assertThat(starts).hasSize(3);
        assertThat(starts.get(2) - starts.get(1)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }
}
