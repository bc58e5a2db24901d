package dev.llmpipeline.local.cli;

import dev.llmpipeline.local.client.PipelineClient;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Retries a read of the API that met throttling (429), a gateway or server fault (5xx) or a dropped connection, so
 * that a long download does not die of one bad answer. Waits as {@code Retry-After} says, or backs off 1, 2, 4, 8 s.
 */
final class TransientRetry {
    static final int ATTEMPTS = 5;
    private static final Set<Integer> TRANSIENT = Set.of(429, 500, 502, 503, 504);
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final Pause pause;

    TransientRetry(Pause pause) {
        this.pause = pause;
    }

    /** Calls until an answer that is not transient, or the last attempt's answer; rethrows the last I/O failure. */
    PipelineClient.Response call(Supplier<PipelineClient.Response> request) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Duration wait = Duration.ofSeconds(1L << (attempt - 1));
            try {
                PipelineClient.Response response = request.get();
                if (!TRANSIENT.contains(response.status()) || attempt == ATTEMPTS) {
                    return response;
                }
                wait = retryAfter(response, wait);
            } catch (UncheckedIOException e) {
                // Nothing listening at the URL is a mistake to report at once, not a blip to wait out.
                if (attempt == ATTEMPTS || e.getCause() instanceof ConnectException) {
                    throw e;
                }
            }
            pause.pause(wait);
        }
    }

    private static Duration retryAfter(PipelineClient.Response response, Duration fallback) {
        String header = response.headers().get("retry-after");
        if (header == null || !header.strip().matches("\\d{1,6}")) {
            return fallback;
        }
        Duration asked = Duration.ofSeconds(Long.parseLong(header.strip()));
        return asked.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asked;
    }
}
