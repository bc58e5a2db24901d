package dev.llmpipeline.core.init;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the independent steps of a function's init phase side by side, and primes its request path meanwhile, so that
 * a cold start waits for its longest chain of steps instead of their sum, and its first request does not pay for
 * loading the classes of the SDK's request pipeline, the TLS handshake and Jackson's introspection. This is what
 * SnapStart's priming does, without a snapshot: the work is done in the init phase, before the first event.
 *
 * <p>Use it in a try-with-resources block around the wiring of a handler: {@link #close()} waits for the priming
 * (within a budget) and stops the threads, so nothing of it outlives init. Priming pays twice on Lambda: the work is
 * done before the first event, and an on-demand function's init phase is commonly observed to run on two unthrottled
 * vCPUs (AWS does not document it), while its invocations get a share of one vCPU in proportion to memory (about 0.29
 * at 512 MB: https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). Two threads: a third was no
 * faster on two cores, where it only competes for the same CPUs and class-loading locks.
 *
 * <p>Not thread-safe: {@link #fork} and {@link #prime} are called by the thread that runs init.
 */
public final class ParallelInit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelInit.class);
    private static final int THREADS = 2;
    /**
     * How long init waits for its priming: well within the 10 s that Lambda gives an init phase
     * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html), and longer than a GetItem
     * with a fresh TLS connection takes.
     */
    private static final Duration PRIMING_BUDGET = Duration.ofSeconds(3);

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, daemonThreads());
    private final List<CompletableFuture<Void>> primings = new ArrayList<>();
    private final Duration primingBudget;

    /** Starts the threads; {@link #close()} waits at most 3 s for the priming. */
    public ParallelInit() {
        this(PRIMING_BUDGET);
    }

    /** Starts the threads; {@link #close()} waits at most {@code primingBudget} for the priming. */
    ParallelInit(Duration primingBudget) {
        this.primingBudget = primingBudget;
    }

    /**
     * Starts a step of init on another thread.
     *
     * @return the step's result: {@code get()} waits for it, and rethrows what the step threw, so that a failed step
     *     fails init as it would have done on the init thread
     */
    public <T> Supplier<T> fork(Supplier<T> step) {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(step, threads);
        return () -> join(result);
    }

    /**
     * Starts priming on another thread: an action that exercises the request path once, with no effect anyone could
     * see. A failure is logged and otherwise ignored: priming only saves time, so it must never fail init.
     *
     * @param what names the action in the log
     */
    public void prime(String what, Runnable action) {
        primings.add(CompletableFuture.runAsync(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("priming ({}) failed; the first request will do that work instead", what, e);
            }
        }, threads));
    }

    /** Waits for the priming, at most for the priming budget, then stops the threads. Never throws. */
    @Override
    public void close() {
        try {
            CompletableFuture.allOf(primings.toArray(CompletableFuture[]::new))
                    .get(primingBudget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("priming took longer than {} ms; init goes on without it", primingBudget.toMillis());
        } catch (ExecutionException e) {
            // Only an Error gets here: prime() catches every exception its action throws.
            LOG.warn("priming failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.shutdownNow();
        }
    }

    private static <T> T join(CompletableFuture<T> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "init-" + count.incrementAndGet());
            // Daemon threads, so that a step that never ends cannot keep an execution environment alive.
            thread.setDaemon(true);
            return thread;
        };
    }
}
