package dev.llmpipeline.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.llmpipeline.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds API Gateway (payload 2.0) responses with JSON bodies. */
public final class HttpResponses {
    private static final String JSON = "application/json";

    private HttpResponses() {
    }

    /** A JSON response. */
    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    /** A JSON response with extra headers (such as {@code Location}). */
    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", JSON);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(Json.write(body))
                .withIsBase64Encoded(false)
                .build();
    }

    /** The one error shape: {@code {"error": {"code", "message", "details"}}}. */
    public static APIGatewayV2HTTPResponse error(ApiException error) {
        return error(error.code(), error.getMessage(), error.details());
    }

    /** The one error shape for a code and message. */
    public static APIGatewayV2HTTPResponse error(ErrorCode code, String message, List<?> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code.wireName());
        body.put("message", message);
        body.put("details", details);
        return json(code.status(), Map.of("error", body));
    }
}
