package dev.llmpipeline.local.api;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One route of the HTTP API, as the template declares it ({@code GET /jobs/{id}}), bound to the handler of its
 * function. Matches paths the way HTTP APIs do: literal segments exactly, {@code {name}} any one segment.
 *
 * @param authorized whether the route sits behind the JWT authorizer
 */
public record ApiRoute(String method, String path, boolean authorized, String functionName, int memoryMb,
                RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {

    /** The API Gateway route key, such as {@code "DELETE /jobs/{id}"}. */
    String routeKey() {
        return method + " " + path;
    }

    /** The path parameters if {@code requestPath} matches this route's path, else empty. */
    Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        String[] pattern = path.split("/", -1);
        String[] actual = requestPath.split("/", -1);
        if (pattern.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int index = 0; index < pattern.length; index++) {
            String segment = pattern[index];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual[index].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), actual[index]);
            } else if (!segment.equals(actual[index])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }
}
