package dev.llmpipeline.submit;

import dev.llmpipeline.core.port.JobQueue;
import dev.llmpipeline.core.port.QueueException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A {@link JobQueue} whose first calls succeed and whose later ones fail in the way a test chooses: the queue
 * refuses ({@link QueueException}), the function dies ({@link FunctionDied}, an {@link Error} as an out-of-memory or
 * a timeout would be), or the function freezes, as one that is about to be killed, until the test lets it die.
 * Records every call that succeeded. Thread-safe.
 */
final class FaultyJobQueue implements JobQueue {

    /** The function's process ending mid-way: nothing after it runs, no answer is sent. */
    static final class FunctionDied extends Error {
        private static final long serialVersionUID = 1L;

        FunctionDied() {
            super("the function died (test)");
        }
    }

    enum Fault { QUEUE_REFUSES, FUNCTION_DIES, FUNCTION_FREEZES }

    private final int healthyCalls;
    private final Fault fault;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<List<String>> sent = new CopyOnWriteArrayList<>();
    private final CountDownLatch frozen = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<String> enqueuedUnstored = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> isStored = jobId -> true;

    FaultyJobQueue(int healthyCalls, Fault fault) {
        this.healthyCalls = healthyCalls;
        this.fault = fault;
    }

    /** A queue that never fails. */
    static FaultyJobQueue healthy() {
        return new FaultyJobQueue(Integer.MAX_VALUE, Fault.QUEUE_REFUSES);
    }

    /** Checks every job id enqueued from now on against the store: a job must be stored before it is enqueued. */
    void requireStored(Predicate<String> stored) {
        this.isStored = stored;
    }

    /** The job ids that were enqueued while not (yet) stored. */
    List<String> enqueuedUnstored() {
        return new ArrayList<>(enqueuedUnstored);
    }

    @Override
    public void enqueue(List<String> jobIds) {
        jobIds.stream().filter(isStored.negate()).forEach(enqueuedUnstored::add);
        if (calls.incrementAndGet() <= healthyCalls) {
            sent.add(List.copyOf(jobIds));
            return;
        }
        switch (fault) {
            case QUEUE_REFUSES -> throw new QueueException("SendMessageBatch failed after retries (test)", null);
            case FUNCTION_DIES -> throw new FunctionDied();
            case FUNCTION_FREEZES -> {
                frozen.countDown();
                awaitUninterruptibly(released);
                throw new FunctionDied();
            }
        }
    }

    /** The job ids of every call that succeeded, call by call. */
    List<List<String>> sentCalls() {
        return new ArrayList<>(sent);
    }

    /** Every job id enqueued, duplicates included. */
    List<String> enqueued() {
        return sent.stream().flatMap(List::stream).toList();
    }

    /** Waits until a call froze; false if none did within the timeout. */
    boolean awaitFrozen(long seconds) throws InterruptedException {
        return frozen.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets the frozen calls die. */
    void release() {
        released.countDown();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
