package dev.llmpipeline.local.openapi;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.llmpipeline.local.api.ApiRoutesFactory;
import dev.llmpipeline.local.api.HttpApiEmulator;
import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.template.FunctionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A second HTTP API in front of the stack's functions whose throttling lets one request through and then refuses
 * every other for a long while, as API Gateway does past a route's burst: what a 429 looks like, on every route.
 */
final class ThrottledApi implements AutoCloseable {
    private final HttpApiEmulator api;

    private ThrottledApi(HttpApiEmulator api) {
        this.api = api;
    }

    /** Starts it on a free port; {@code ownersByToken} as for the stack. */
    static ThrottledApi start(LocalStack stack, Map<String, String> ownersByToken) {
        try {
            return new ThrottledApi(HttpApiEmulator.start(0,
                    ApiRoutesFactory.routes(stack.template().functions(), function -> handler(stack, function)),
                    ownersByToken, Optional.of(new HttpApiEmulator.Throttling(1, 0.001))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return api.uri();
    }

    @Override
    public void close() {
        api.close();
    }

    /** The function's handler, built from the environment the stack gives it, as its init phase would. */
    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(LocalStack stack,
                                                                                         FunctionSpec function) {
        try {
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class
                    .forName(function.handler().split("::", 2)[0]).getConstructor(Map.class)
                    .newInstance(stack.environment(function.logicalId()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build the handler of " + function.logicalId(), e);
        }
    }
}
