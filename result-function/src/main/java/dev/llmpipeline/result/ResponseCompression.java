package dev.llmpipeline.result;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.llmpipeline.core.http.Requests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips large response bodies for clients that accept it. HTTP APIs have no compression setting of their own (REST
 * APIs do), so the function compresses: a gzipped body goes back base64-encoded with {@code isBase64Encoded}, and
 * API Gateway decodes it into the binary body the client receives
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * A page of batch results shrinks several times over, since its jobs repeat the same field names.
 * Stateless and thread-safe.
 */
final class ResponseCompression {
    /** Below this, the gzip header and the base64 overhead outweigh what compression saves. */
    static final int MIN_BYTES = 1024;

    private ResponseCompression() {
    }

    /**
     * The response, gzipped when the request accepts gzip and the body is larger than {@link #MIN_BYTES}; otherwise
     * the same response. A body larger than that answers with {@code Vary: Accept-Encoding} either way, since it
     * would have been coded differently for another {@code Accept-Encoding}.
     */
    static APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent request, APIGatewayV2HTTPResponse response) {
        if (response.getBody() == null || response.getIsBase64Encoded()) {
            return response;
        }
        byte[] body = response.getBody().getBytes(StandardCharsets.UTF_8);
        if (body.length <= MIN_BYTES) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>(response.getHeaders() == null ? Map.of()
                : response.getHeaders());
        headers.put("Vary", "Accept-Encoding");
        boolean gzip = AcceptEncoding.acceptsGzip(Requests.header(request, "accept-encoding").orElse(null));
        if (gzip) {
            headers.put("Content-Encoding", "gzip");
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.getStatusCode())
                .withHeaders(headers)
                .withMultiValueHeaders(response.getMultiValueHeaders())
                .withCookies(response.getCookies())
                .withBody(gzip ? Base64.getEncoder().encodeToString(gzip(body)) : response.getBody())
                .withIsBase64Encoded(gzip)
                .build();
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 4);
        try (GZIPOutputStream output = new GZIPOutputStream(compressed)) {
            output.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip in memory", e); // a ByteArrayOutputStream does not fail
        }
        return compressed.toByteArray();
    }
}
