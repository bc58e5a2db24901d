package dev.llmpipeline.local.aws;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.FutureConverters;

/**
 * The local stand-in for Amazon SQS: ElasticMQ embedded in this JVM, speaking the SQS API (JSON protocol of
 * SDK v2) on 127.0.0.1 only. See <a href="https://github.com/softwaremill/elasticmq#embedded">ElasticMQ, embedded</a>.
 *
 * <p>Queue URLs are {@code http://127.0.0.1:PORT/000000000000/NAME} and queue ARNs
 * {@code arn:aws:sqs:us-east-1:000000000000:NAME}, shaped like those on AWS. Queues live in memory and vanish
 * on {@link #close()}. Thread-safe.
 */
public final class QueueServer implements AutoCloseable {

    /** The interface every local stand-in binds to: nothing outside this machine may reach it. */
    static final String HOST = "127.0.0.1";
    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "000000000000";

    private static final Logger LOG = LoggerFactory.getLogger(QueueServer.class);
    private static final long START_TIMEOUT_SECONDS = 30;
    // In-flight long polls (up to 20 s on SQS) are cut off after this, so close() never waits for them.
    private static final FiniteDuration REQUEST_DRAIN = FiniteDuration.create(1, TimeUnit.SECONDS);
    private static final long TERMINATE_TIMEOUT_SECONDS = 10;

    private final ActorSystem actorSystem;
    private final Http.ServerBinding binding;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private QueueServer(ActorSystem actorSystem, Http.ServerBinding binding) {
        this.actorSystem = actorSystem;
        this.binding = binding;
        this.endpoint = URI.create("http://" + HOST + ":" + binding.localAddress().getPort());
    }

    /**
     * Starts ElasticMQ and waits until it accepts connections.
     *
     * @param port the TCP port on 127.0.0.1, or 0 for any free port
     * @return the running server; the caller closes it
     * @throws IllegalStateException if it cannot bind or does not start in time
     */
    public static QueueServer start(int port) {
        // Our own actor system, rather than the one ElasticMQ would create, so close() can bound its shutdown.
        // Its JVM shutdown hook would race ours (the stack closes this server itself) and warn on every Ctrl-C.
        ActorSystem actorSystem = ActorSystem.create("elasticmq", ConfigFactory
                .parseString("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off")
                .withFallback(ConfigFactory.load()));
        SQSRestServer server = SQSRestServerBuilder.withActorSystem(actorSystem)
                .withInterface(HOST)
                .withPort(port)
                .withAWSRegion(REGION)
                .withAWSAccountId(ACCOUNT_ID)
                .start();
        try {
            Http.ServerBinding binding = await(FutureConverters.asJava(server.startFuture()), START_TIMEOUT_SECONDS);
            QueueServer queueServer = new QueueServer(actorSystem, binding);
            LOG.debug("ElasticMQ listening on {}", queueServer.endpoint);
            return queueServer;
        } catch (ExecutionException | TimeoutException e) {
            terminate(actorSystem);
            throw new IllegalStateException("Cannot start ElasticMQ on " + HOST + ":" + port, e.getCause() == null ? e : e.getCause());
        }
    }

    /** @return the base URL to pass to {@code SqsClient.builder().endpointOverride(...)} */
    public URI endpoint() {
        return endpoint;
    }

    /** Unbinds, cuts off requests still in flight and stops ElasticMQ's actors; idempotent and bounded in time. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            await(FutureConverters.asJava(binding.terminate(REQUEST_DRAIN)), TERMINATE_TIMEOUT_SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("ElasticMQ at {} did not unbind cleanly", endpoint, e);
        }
        terminate(actorSystem);
    }

    private static void terminate(ActorSystem actorSystem) {
        actorSystem.terminate();
        try {
            await(actorSystem.getWhenTerminated(), TERMINATE_TIMEOUT_SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("ElasticMQ's actor system did not terminate within {} s", TERMINATE_TIMEOUT_SECONDS, e);
        }
    }

    private static <T> T await(CompletionStage<T> stage, long seconds) throws ExecutionException, TimeoutException {
        try {
            return stage.toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for ElasticMQ", e);
        }
    }
}
