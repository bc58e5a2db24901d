package dev.llmpipeline.core.init;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart's runtime hooks for a function whose init already primes its request path (see {@link ParallelInit}):
 * Lambda takes the snapshot after init, so the loaded classes, the built clients and Jackson's serializers are in it.
 * Before the checkpoint the hooks run the function's priming once more (a read of a key that cannot exist, the JSON
 * of a request): init's priming ran side by side with the clients being built, this run finds them built, so the
 * snapshot also holds what a request's second pass through the SDK's pipeline loads and compiles, and proves the
 * clients work just before the snapshot. A failed priming is logged and never fails the snapshot. Otherwise the hooks
 * do little, because nothing in these functions must be undone:
 * <ul>
 *   <li>No state is unique per environment. Job ids are drawn per request from {@link java.util.UUID#randomUUID()},
 *       that is from {@link java.security.SecureRandom}, which Lambda keeps unique across restored environments
 *       (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html); nothing random is drawn in init.
 *   <li>The keep-alive connections that priming opened are not closed here: the url-connection client pools them in
 *       the JDK's keep-alive cache, which has no public way to empty it, and which never hands out a connection idle
 *       for longer than its keep-alive time (5 s unless the server says otherwise) by the wall clock, so after a
 *       restore a fresh connection is opened instead of a stale one being reused.
 *   <li>Credentials are not in the snapshot's keeping: a SnapStart function reads them from the container
 *       credentials endpoint, and the SDK refreshes them when they expire (see {@code AwsSettings}).
 * </ul>
 * So the hooks only record when the snapshot was taken and log each restore with the snapshot's age, which tells
 * restored environments apart from fresh ones in the logs.
 *
 * <p>CRaC holds registered resources weakly: the handler must keep the instance {@link #register} returns in a field.
 * On a JVM without CRaC the global context never calls the hooks. Thread-safe.
 */
public final class SnapshotHooks implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotHooks.class);

    private final String function;
    private final Runnable priming;
    private final Clock clock;
    private final AtomicInteger restores = new AtomicInteger();
    private volatile Instant checkpointAt;

    SnapshotHooks(String function, Runnable priming, Clock clock) {
        this.function = function;
        this.priming = priming;
        this.clock = clock;
    }

    /**
     * Creates the hooks and registers them with CRaC's global context.
     *
     * @param function names the function in the log
     * @param priming  runs the function's request path without effect, as its init's priming does
     * @return the hooks, to be kept strongly reachable for as long as the function lives
     */
    public static SnapshotHooks register(String function, Runnable priming) {
        SnapshotHooks hooks = new SnapshotHooks(function, priming, Clock.systemUTC());
        Core.getGlobalContext().register(hooks);
        return hooks;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            priming.run();
        } catch (RuntimeException e) {
            // As in init: priming only saves time, so the snapshot is taken all the same.
            LOG.warn("{}: priming before the snapshot failed; the first requests may be slower", function, e);
        }
        checkpointAt = clock.instant();
        LOG.info("{}: init is done and primed; the snapshot is taken now", function);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restores.incrementAndGet();
        LOG.info("{}: restored from a snapshot taken {} s ago", function,
                snapshotAge().map(Duration::toSeconds).map(String::valueOf).orElse("?"));
    }

    /** How long ago the snapshot was taken; empty before {@link #beforeCheckpoint} ran. */
    public Optional<Duration> snapshotAge() {
        Instant taken = checkpointAt;
        return taken == null ? Optional.empty() : Optional.of(Duration.between(taken, clock.instant()));
    }

    /** How many times this JVM was restored from a snapshot (once, on Lambda). */
    public int restores() {
        return restores.get();
    }
}
