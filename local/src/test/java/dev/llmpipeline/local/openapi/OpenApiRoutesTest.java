package dev.llmpipeline.local.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.template.FunctionSpec;
import dev.llmpipeline.local.template.HttpRoute;
import dev.llmpipeline.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi.yaml} describes exactly the routes that {@code template.yaml} deploys and the handlers serve, with
 * the bearer token where the template's authorizer sits, and only schemas the contract tests can hold the
 * implementation to.
 */
class OpenApiRoutesTest {
    /** Enough for a handler's init phase, which builds its clients but calls nothing. */
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "JOBS_TABLE", "jobs",
            "JOBS_QUEUE_URL", "http://127.0.0.1:9/000000000000/jobs",
            "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID", "local",
            "AWS_SECRET_ACCESS_KEY", "local",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:9");

    private final ApiContract contract = ApiContract.load();
    private final SamTemplate template = SamTemplate.load(
            Path.of(System.getProperty("pipeline.home", "..")).resolve("template.yaml"));

    @Test
    void isAnOpenApi303Document() {
        assertThat(contract.document().path("openapi").asText()).isEqualTo("3.0.3");
    }

    @Test
    void describesExactlyTheRoutesOfTheTemplate() {
        assertThat(contract.routeKeys()).isNotEmpty().isEqualTo(templateRoutes().keySet());
    }

    @Test
    void asksForTheBearerTokenExactlyWhereTheTemplatesAuthorizerSits() {
        templateRoutes().forEach((routeKey, route) -> assertThat(contract.requiresBearer(routeKey))
                .as("bearer token on %s", routeKey).isEqualTo(route.authorized()));
        assertThat(contract.routeKeys().stream().filter(routeKey -> !contract.requiresBearer(routeKey)))
                .containsExactly("GET /health");
        assertThat(contract.document().at("/components/securitySchemes/bearerJwt").toString())
                .contains("\"type\":\"http\"", "\"scheme\":\"bearer\"", "\"bearerFormat\":\"JWT\"");
    }

    @Test
    void describesExactlyTheRoutesTheHandlersServe() throws ReflectiveOperationException {
        Set<String> served = new TreeSet<>();
        for (FunctionSpec function : template.functions()) {
            if (function.routes().isEmpty()) {
                continue;
            }
            Set<String> routesOfFunction = routeKeysServedBy(function);
            assertThat(routesOfFunction).as("routes %s serves", function.logicalId())
                    .isEqualTo(function.routes().stream().map(OpenApiRoutesTest::routeKey).collect(Collectors.toSet()));
            served.addAll(routesOfFunction);
        }

        assertThat(served).isEqualTo(contract.routeKeys());
    }

    @Test
    void listsTheErrorsThatEveryRouteCanAnswer() {
        for (String routeKey : contract.routeKeys()) {
            assertThat(contract.statuses(routeKey)).as("statuses of %s", routeKey).contains(429, 500);
            assertThat(contract.statuses(routeKey).contains(401)).as("401 on %s", routeKey)
                    .isEqualTo(contract.requiresBearer(routeKey));
            if (routeKey.contains("{id}")) {
                assertThat(contract.statuses(routeKey)).as("statuses of %s", routeKey).contains(404);
            }
        }
    }

    @Test
    void usesOnlySchemasTheCheckerUnderstands() {
        var schemas = contract.schemas();

        assertThat(schemas).containsKeys("/components/schemas/Job", "/components/schemas/Batch",
                "/components/schemas/ResultsPage", "/components/schemas/Error");
        schemas.forEach((where, schema) -> contract.checker().requireWellFormed(schema, where));
    }

    @Test
    void hasExamplesThatConformToTheirSchemas() {
        var examples = contract.examples();

        assertThat(examples).hasSizeGreaterThan(5);
        examples.forEach(example -> assertThat(contract.checker().violations(example.schema(), example.value()))
                .as("example at %s", example.where()).isEmpty());
    }

    private Map<String, HttpRoute> templateRoutes() {
        return template.functions().stream().flatMap(function -> function.routes().stream())
                .collect(Collectors.toMap(OpenApiRoutesTest::routeKey, route -> route));
    }

    private static String routeKey(HttpRoute route) {
        return route.method() + " " + route.path();
    }

    /** Builds the function's handler as Lambda's init phase would, and asks it which routes it serves. */
    @SuppressWarnings("unchecked")
    private static Set<String> routeKeysServedBy(FunctionSpec function) throws ReflectiveOperationException {
        Class<?> handlerClass = Class.forName(function.handler().split("::", 2)[0]);
        Object handler = handlerClass.getConstructor(Map.class).newInstance(ENVIRONMENT);
        return (Set<String>) handlerClass.getMethod("routeKeys").invoke(handler);
    }
}
