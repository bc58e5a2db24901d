package dev.llmpipeline.local.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.llmpipeline.local.net.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for a SageMaker real-time endpoint: it speaks the SageMaker runtime's
 * {@code POST /endpoints/{name}/invocations} with the Hugging Face inference toolkit's JSON, so the AWS SDK's
 * {@code SageMakerRuntimeClient} works against it through an endpoint override of {@link #uri()}.
 *
 * <p>It models a T4-class GPU's latency ({@link LatencyModel}), {@code instances} instances that each serve one
 * call at a time, greedy or sampled generation bounded by {@code max_new_tokens}, and injected faults
 * ({@link EmulatorSettings}). It records every invocation ({@link #calls()}), also served as
 * {@code GET /calls} and cleared by {@code DELETE /calls}. It listens on 127.0.0.1 only. Thread-safe.
 */
public final class EndpointEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointEmulator.class);
    // Connections the kernel queues before accept; a benchmark opens many at once.
    private static final int BACKLOG = 256;
    private static final String LOOPBACK = "127.0.0.1";

    private final HttpServer server;
    private final ExecutorService executor;
    private final CallLog callLog;
    private final EmulatorSettings settings;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EndpointEmulator(HttpServer server, ExecutorService executor, CallLog callLog,
            EmulatorSettings settings) {
        this.server = server;
        this.port = server.getAddress().getPort();
        this.executor = executor;
        this.callLog = callLog;
        this.settings = settings;
    }

    /**
     * Starts an emulator on 127.0.0.1.
     *
     * @param port     the port to listen on, or 0 for any free one
     * @param settings what to model
     * @return the running emulator; close it to stop it
     * @throws IOException if the port cannot be bound
     */
    public static EndpointEmulator start(int port, EmulatorSettings settings) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        CallLog callLog = new CallLog(mapper);
        // Loopback only: the emulator is for this machine, never a network service.
        HttpServer server = LoopbackHttpServer.create(port, BACKLOG);
        server.createContext("/endpoints/", new InvocationHandler(settings, callLog, mapper));
        server.createContext("/calls", callLog);
        server.createContext("/", exchange -> {
            try (exchange) {
                EndpointResponse.notFound(exchange.getRequestURI().getPath()).writeTo(exchange, mapper);
            }
        });
        // Unbounded, so calls queued for an instance never hold up the accept loop or the other calls.
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.start();
        EndpointEmulator emulator = new EndpointEmulator(server, executor, callLog, settings);
        LOG.debug("Endpoint emulator listening on {} with {}", emulator.uri(), settings);
        return emulator;
    }

    /** @return the port the emulator listens on */
    public int port() {
        return port;
    }

    /** @return the base address to pass as the SDK's endpoint override, {@code http://127.0.0.1:PORT} */
    public URI uri() {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    /** @return the invocations answered so far, in the order they arrived; a snapshot */
    public List<RecordedCall> calls() {
        return callLog.snapshot();
    }

    /** Forgets the recorded invocations. */
    public void clearCalls() {
        callLog.clear();
    }

    /** @return the settings the emulator was started with */
    public EmulatorSettings settings() {
        return settings;
    }

    /** Stops listening at once and abandons calls in progress; calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        // Interrupts handlers sleeping through a model call or waiting for an instance.
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Endpoint emulator threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.debug("Endpoint emulator on port {} stopped", port);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "endpoint-emulator-" + count.incrementAndGet());
            // Daemon: a handler in the middle of a model call must not hold up the JVM's exit.
            thread.setDaemon(true);
            return thread;
        };
    }
}
