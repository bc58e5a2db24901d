package dev.llmpipeline.core.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches an HTTP API request to the route that API Gateway matched ({@code routeKey}, such as
 * {@code "DELETE /jobs/{id}"}) and turns every failure into the API's one error shape: an {@link ApiException}
 * into its status, anything else into a logged 500 that names the request id. Immutable and thread-safe.
 */
public final class ApiRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    private final Map<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> routes;

    private ApiRoutes(Map<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> routes) {
        this.routes = Map.copyOf(routes);
    }

    /** Starts a route table. */
    public static Builder builder() {
        return new Builder();
    }

    /** The route keys this table answers, such as {@code "GET /jobs/{id}"}; any other gets 404. */
    public Set<String> routeKeys() {
        return routes.keySet();
    }

    /** Answers one request. Never throws. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = context == null ? "unknown" : context.getAwsRequestId();
        try {
            var route = routes.get(event.getRouteKey());
            if (route == null) {
                throw new ApiException(ErrorCode.NOT_FOUND, "no route " + event.getRouteKey());
            }
            return route.apply(event);
        } catch (ApiException e) {
            return HttpResponses.error(e);
        } catch (RuntimeException e) {
            LOG.error("request {} on {} failed", requestId, event.getRouteKey(), e);
            return HttpResponses.error(ErrorCode.INTERNAL_ERROR, "internal error (request id " + requestId + ")",
                    List.of());
        }
    }

    /** Collects routes. */
    public static final class Builder {
        private final Map<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> routes =
                new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a route under its API Gateway route key, for example {@code "GET /jobs/{id}"}. */
        public Builder route(String routeKey, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
            routes.put(routeKey, handler);
            return this;
        }

        public ApiRoutes build() {
            return new ApiRoutes(routes);
        }
    }
}
