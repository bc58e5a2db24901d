package dev.llmpipeline.local.e2e;

import static dev.llmpipeline.local.e2e.BatchesApi.acceptedBatchId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.client.PipelineClient.Response;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A large page of batch results comes back gzipped to a client that accepts gzip, through the HTTP API emulator as
 * through API Gateway (the function's base64 body decoded into binary), and plain to one that does not; both carry
 * the same JSON.
 */
@ExtendWith(LocalStackExtension.class)
class ResultsCompressionIT {
    private static final int LINES = 30;

    private final PipelineClient alice;

    ResultsCompressionIT(@Owner("alice") PipelineClient alice) {
        this.alice = alice;
    }

    @Test
    void aLargeResultsPageIsGzippedWhenAskedAndPlainOtherwiseWithTheSameJson() throws Exception {
        List<String> lines = IntStream.rangeClosed(1, LINES)
                .mapToObj(index -> BatchesApi.line("gz-" + index, "Compress result " + index + " please", 16))
                .toList();
        String batchId = acceptedBatchId(BatchesApi.upload(alice, lines), LINES);
        AtomicReference<Response> plain = new AtomicReference<>();
        Eventually.until(Duration.ofSeconds(60), "every result of the batch on one settled page", () -> {
            plain.set(BatchesApi.results(alice, batchId, 100, null));
            return plain.get().body().path("results").size() == LINES
                    && plain.get().body().path("next_cursor").isNull();
        });

        Response gzipped = alice.batchResults(batchId, 100, null);
        byte[] wire = rawResultsPage(batchId);

        assertThat(plain.get().headers()).doesNotContainKey("content-encoding")
                .containsEntry("vary", "Accept-Encoding");
        assertThat(gzipped.status()).isEqualTo(200);
        assertThat(gzipped.headers()).containsEntry("content-encoding", "gzip")
                .containsEntry("vary", "Accept-Encoding");
        assertThat(gzipped.body()).isEqualTo(plain.get().body());
        assertThat(wire).as("the gzip magic number, not base64 text").startsWith((byte) 0x1f, (byte) 0x8b);
        assertThat(wire.length).isLessThan(plain.get().body().toString().length() / 3);
    }

    /** The page's bytes as they came over the wire, asked for with gzip, before any decoding. */
    private byte[] rawResultsPage(String batchId) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                alice.request("/batches/" + batchId + "/results?limit=100").header("Accept-Encoding", "gzip")
                        .GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
