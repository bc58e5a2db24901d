package dev.llmpipeline.local.api;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.llmpipeline.local.template.FunctionSpec;
import dev.llmpipeline.local.template.HttpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Binds the template's HTTP API routes to their functions' handlers: one execution environment per function. */
public final class ApiRoutesFactory {

    private ApiRoutesFactory() {
    }

    /**
     * @param environments builds a function's handler (its init phase)
     */
    public static List<ApiRoute> routes(List<FunctionSpec> functions, Function<FunctionSpec,
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> environments) {
        List<ApiRoute> routes = new ArrayList<>();
        for (FunctionSpec function : functions) {
            if (function.routes().isEmpty()) {
                continue;
            }
            var handler = environments.apply(function);
            for (HttpRoute route : function.routes()) {
                routes.add(new ApiRoute(route.method(), route.path(), route.authorized(), function.logicalId(),
                        function.memoryMb(), handler));
            }
        }
        return routes;
    }
}
