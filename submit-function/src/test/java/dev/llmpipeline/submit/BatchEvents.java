package dev.llmpipeline.submit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.llmpipeline.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Batch requests as API Gateway sends them, built from the stored {@code POST /jobs} and {@code DELETE /jobs/{id}}
 * events with the route, path and content type of the batch routes.
 */
final class BatchEvents {
    static final String JSONL = "application/jsonl";

    private BatchEvents() {
    }

    /** {@code POST /batches} from alice with a text body. */
    static APIGatewayV2HTTPEvent postBatch(String contentType, String body) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("apigw/post-job.json");
        event.setRouteKey("POST /batches");
        event.setRawPath("/batches");
        event.getRequestContext().setRouteKey("POST /batches");
        event.getRequestContext().getHttp().setPath("/batches");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("content-length");
        if (contentType == null) {
            headers.remove("content-type");
        } else {
            headers.put("content-type", contentType);
        }
        event.setHeaders(headers);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return event;
    }

    /** {@code POST /batches} with a body of raw bytes, base64-encoded as API Gateway sends what is not text. */
    static APIGatewayV2HTTPEvent postBatchBytes(String contentType, byte[] body) {
        APIGatewayV2HTTPEvent event = postBatch(contentType, Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        return event;
    }

    /** {@code DELETE /batches/{id}} from alice. */
    static APIGatewayV2HTTPEvent deleteBatch(String batchId) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("apigw/delete-job.json");
        event.setRouteKey("DELETE /batches/{id}");
        event.setRawPath("/batches/" + batchId);
        event.getRequestContext().setRouteKey("DELETE /batches/{id}");
        event.getRequestContext().getHttp().setPath("/batches/" + batchId);
        event.setPathParameters(Map.of("id", batchId));
        return event;
    }

    /** One valid request line. */
    static String line(String customId, String prompt) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("custom_id", customId);
        request.put("prompt", prompt);
        return Json.write(request);
    }

    /** {@code count} valid lines {@code row-1 .. row-count}, each ended by a newline. */
    static String validLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(index -> line("row-" + index, "Summarise item " + index))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
