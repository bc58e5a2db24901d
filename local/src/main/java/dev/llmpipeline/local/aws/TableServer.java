package dev.llmpipeline.local.aws;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for Amazon DynamoDB: <a href="https://github.com/architect/dynalite">dynalite</a>, in memory,
 * run by Node.js as a child process ({@code local/dynalite/server.js}) on 127.0.0.1 only.
 *
 * <p>dynalite 4.0.0 has no TransactWriteItems/TransactGetItems or UpdateTimeToLive (UnknownOperationException) and
 * ignores {@code ReturnValuesOnConditionCheckFailure}; single-item conditional writes, queries on indexes and batches
 * behave as on AWS. The child exits on its own when this JVM dies, because it watches its stdin.
 * Thread-safe.
 */
public final class TableServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableServer.class);
    private static final Pattern READY_LINE = Pattern.compile("listening (\\d+)");
    private static final long READY_TIMEOUT_SECONDS = 10;
    private static final long STOP_TIMEOUT_SECONDS = 5;
    private static final int STDERR_LINES_KEPT = 40;

    private final Process process;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TableServer(Process process, int port) {
        this.process = process;
        this.endpoint = URI.create("http://" + QueueServer.HOST + ":" + port);
    }

    /**
     * Starts dynalite and waits until it accepts connections.
     *
     * @param dynaliteDir the folder holding {@code server.js} and {@code node_modules} ({@code local/dynalite})
     * @param port the TCP port on 127.0.0.1, or 0 for any free port
     * @return the running server; the caller closes it
     * @throws IllegalStateException if Node.js or dynalite is missing, or the server does not start in time
     */
    public static TableServer start(Path dynaliteDir, int port) {
        Path node = findNode().orElseThrow(() -> new IllegalStateException(
                "Node.js is required for the local DynamoDB (dynalite): install node 18+ (https://nodejs.org) "
                        + "and make sure `node` is on the PATH"));
        if (!Files.isRegularFile(dynaliteDir.resolve("node_modules/dynalite/package.json"))) {
            throw new IllegalStateException("dynalite is not installed in " + dynaliteDir.toAbsolutePath()
                    + ": run the Maven build (`mvn -DskipTests package`, which runs `npm ci` there) or `npm ci` in that folder");
        }
        Process process = launch(node, dynaliteDir, port);
        StderrTail stderr = new StderrTail();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread stderrDrain = drain(process.getErrorStream(), "dynalite-stderr", stderr);
        drain(process.getInputStream(), "dynalite-stdout", line -> onStdout(line, ready));
        // An early exit (a port in use, a broken install) fails the start at once instead of at the deadline.
        process.onExit().thenRun(() -> ready.completeExceptionally(
                new IllegalStateException("exited with code " + process.exitValue())));
        try {
            int boundPort = ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            TableServer server = new TableServer(process, boundPort);
            LOG.debug("dynalite listening on {} (pid {})", server.endpoint, process.pid());
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new IllegalStateException("Interrupted while starting dynalite", e);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            joinQuietly(stderrDrain);
            String why = e instanceof TimeoutException
                    ? "did not report ready within " + READY_TIMEOUT_SECONDS + " s" : e.getCause().getMessage();
            throw new IllegalStateException("dynalite (" + dynaliteDir.resolve("server.js") + ", port " + port + ") " + why
                    + "; its stderr:\n" + stderr.text());
        }
    }

    /** @return the base URL to pass to {@code DynamoDbClient.builder().endpointOverride(...)} */
    public URI endpoint() {
        return endpoint;
    }

    /** The child process, for tests that check it is gone after {@link #close()}. */
    ProcessHandle processHandle() {
        return process.toHandle();
    }

    /** Stops the child process: politely, then by force after 5 s; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop(process);
        }
    }

    private static Process launch(Path node, Path dynaliteDir, int port) {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                node.toString(), dynaliteDir.resolve("server.js").toAbsolutePath().toString(), Integer.toString(port)))
                .directory(dynaliteDir.toFile());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + node, e);
        }
    }

    private static void stop(Process process) {
        // Closing stdin alone makes server.js exit; destroy() covers a child that no longer reads it.
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("Closing dynalite's stdin failed", e);
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("dynalite (pid {}) ignored SIGTERM for {} s; killing it", process.pid(), STOP_TIMEOUT_SECONDS);
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void onStdout(String line, CompletableFuture<Integer> ready) {
        Matcher matcher = READY_LINE.matcher(line);
        if (!ready.isDone() && matcher.matches()) {
            ready.complete(Integer.parseInt(matcher.group(1)));
        } else {
            LOG.info("dynalite: {}", line);
        }
    }

    /** Reads a stream line by line on a daemon thread, so a full pipe never blocks the child. */
    private static Thread drain(InputStream stream, String name, Consumer<String> onLine) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                reader.lines().forEach(onLine);
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("{} closed", name, e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    // Package-private for tests.
    static Optional<Path> findNode() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        List<String> names = File.separatorChar == '\\' ? List.of("node.exe", "node.cmd") : List.of("node");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> names.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Forwards stderr to the log and keeps its last lines for the message of a failed start. */
    private static final class StderrTail implements Consumer<String> {
        private final Deque<String> lines = new ArrayDeque<>();

        @Override
        public synchronized void accept(String line) {
            LOG.warn("dynalite: {}", line);
            if (lines.size() == STDERR_LINES_KEPT) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        synchronized String text() {
            return lines.isEmpty() ? "(empty)" : String.join("\n", lines);
        }
    }
}
