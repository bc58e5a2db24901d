package dev.llmpipeline.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.testing.FakeLambdaContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRoutesTest {
    private final FakeLambdaContext context = new FakeLambdaContext("5d4b2e8a-request", 10_000);

    private final ApiRoutes routes = ApiRoutes.builder()
            .route("GET /things/{id}", event -> HttpResponses.json(200, Map.of("id",
                    Requests.pathParameter(event, "id"))))
            .route("POST /things", event -> {
                throw new ApiException(ErrorCode.VALIDATION_ERROR, "name: is required",
                        List.of(Map.of("field", "name")));
            })
            .route("DELETE /things/{id}", event -> {
                throw new IllegalStateException("database on fire");
            })
            .build();

    @Test
    void dispatchesOnTheRouteKey() throws Exception {
        APIGatewayV2HTTPResponse response = routes.handle(request("GET /things/{id}", Map.of("id", "t-1")), context);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(Json.parse(response.getBody()).get("id").asText()).isEqualTo("t-1");
    }

    @Test
    void turnsAnApiExceptionIntoTheErrorShape() throws Exception {
        APIGatewayV2HTTPResponse response = routes.handle(request("POST /things", Map.of()), context);

        JsonNode body = Json.parse(response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.at("/error/code").asText()).isEqualTo("validation_error");
        assertThat(body.at("/error/message").asText()).isEqualTo("name: is required");
        assertThat(body.at("/error/details/0/field").asText()).isEqualTo("name");
    }

    @Test
    void turnsAnUnexpectedFailureIntoInternalErrorNamingTheRequestId() throws Exception {
        APIGatewayV2HTTPResponse response = routes.handle(request("DELETE /things/{id}", Map.of("id", "t-1")),
                context);

        JsonNode body = Json.parse(response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(body.at("/error/code").asText()).isEqualTo("internal_error");
        assertThat(body.at("/error/message").asText()).contains("5d4b2e8a-request").doesNotContain("on fire");
        assertThat(body.at("/error/details").isArray()).isTrue();
    }

    @Test
    void listsTheRouteKeysItAnswers() {
        assertThat(routes.routeKeys()).containsExactlyInAnyOrder("GET /things/{id}", "POST /things",
                "DELETE /things/{id}");
    }

    @Test
    void answersAnUnknownRouteWithNotFound() throws Exception {
        APIGatewayV2HTTPResponse response = routes.handle(request("PATCH /things/{id}", Map.of("id", "t-1")),
                context);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(Json.parse(response.getBody()).at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void answersEvenWithoutAContext() {
        APIGatewayV2HTTPResponse response = routes.handle(request("DELETE /things/{id}", Map.of("id", "t-1")), null);

        assertThat(response.getStatusCode()).isEqualTo(500);
    }

    private static APIGatewayV2HTTPEvent request(String routeKey, Map<String, String> pathParameters) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withPathParameters(pathParameters).build();
    }
}
