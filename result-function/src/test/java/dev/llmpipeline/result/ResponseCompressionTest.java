package dev.llmpipeline.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.llmpipeline.core.http.HttpResponses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ResponseCompressionTest {
    private static final String LARGE = "x".repeat(ResponseCompression.MIN_BYTES + 1);
    private static final String SMALL = "x".repeat(ResponseCompression.MIN_BYTES - 20);

    @Test
    void gzipsALargeBodyForAClientThatAcceptsGzip() throws IOException {
        APIGatewayV2HTTPResponse response = ResponseCompression.apply(request("gzip, deflate"), ok(LARGE));

        assertThat(response.getIsBase64Encoded()).isTrue();
        assertThat(response.getHeaders()).containsEntry("Content-Encoding", "gzip")
                .containsEntry("Vary", "Accept-Encoding")
                .containsEntry("Content-Type", "application/json");
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(gunzip(response.getBody())).isEqualTo(ok(LARGE).getBody());
        assertThat(Base64.getDecoder().decode(response.getBody()).length).isLessThan(LARGE.length() / 4);
    }

    @Test
    void leavesALargeBodyPlainWhenGzipIsRefusedButSaysItVaries() {
        APIGatewayV2HTTPResponse plain = ok(LARGE);

        APIGatewayV2HTTPResponse response = ResponseCompression.apply(request("gzip;q=0, br"), plain);

        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getBody()).isEqualTo(plain.getBody());
        assertThat(response.getHeaders()).doesNotContainKey("Content-Encoding")
                .containsEntry("Vary", "Accept-Encoding");
    }

    @Test
    void leavesALargeBodyPlainWithoutAnAcceptEncodingHeader() {
        APIGatewayV2HTTPResponse response = ResponseCompression.apply(request(null), ok(LARGE));

        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getHeaders()).doesNotContainKey("Content-Encoding");
    }

    @Test
    void leavesASmallBodyUnchanged() {
        APIGatewayV2HTTPResponse small = ok(SMALL);

        assertThat(ResponseCompression.apply(request("gzip"), small)).isSameAs(small);
    }

    @Test
    void readsTheHeaderWhateverItsCase() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("Accept-Encoding", "gzip")).build();

        assertThat(ResponseCompression.apply(event, ok(LARGE)).getIsBase64Encoded()).isTrue();
    }

    @Test
    void theHandlerGzipsAPageOfBatchResultsButNotASingleJob() throws IOException {
        BatchFixture fixture = new BatchFixture();
        String batchId = "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c";
        fixture.acceptedBatch(batchId, 10).forEach(fixture::succeed);
        fixture.advance(BatchFixture.SETTLE.toMillis() + 1);
        APIGatewayV2HTTPEvent gzipped = BatchFixture.getResults(batchId, null);
        gzipped.getHeaders().put("accept-encoding", "gzip");

        APIGatewayV2HTTPResponse plain = fixture.handle(BatchFixture.getResults(batchId, null));
        APIGatewayV2HTTPResponse compressed = fixture.handle(gzipped);
        APIGatewayV2HTTPEvent smallRequest = BatchFixture.getBatch(batchId);
        smallRequest.getHeaders().put("accept-encoding", "gzip");
        APIGatewayV2HTTPResponse small = fixture.handle(smallRequest);

        assertThat(plain.getIsBase64Encoded()).isFalse();
        assertThat(plain.getBody().length()).isGreaterThan(ResponseCompression.MIN_BYTES);
        assertThat(compressed.getIsBase64Encoded()).isTrue();
        assertThat(gunzip(compressed.getBody())).isEqualTo(plain.getBody());
        assertThat(small.getIsBase64Encoded()).isFalse();
        assertThat(small.getHeaders()).doesNotContainKey("Content-Encoding");
    }

    private static APIGatewayV2HTTPEvent request(String acceptEncoding) {
        return APIGatewayV2HTTPEvent.builder()
                .withHeaders(acceptEncoding == null ? Map.of() : Map.of("accept-encoding", acceptEncoding))
                .build();
    }

    private static APIGatewayV2HTTPResponse ok(String text) {
        return HttpResponses.json(200, Map.of("text", text));
    }

    private static String gunzip(String base64) throws IOException {
        try (InputStream input = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
