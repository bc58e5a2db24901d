package dev.llmpipeline.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestsTest {

    @Test
    void returnsAPlainBodyAsItIs() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withBody("{\"prompt\":\"hi\"}").build();

        assertThat(Requests.bodyText(event)).isEqualTo("{\"prompt\":\"hi\"}");
    }

    @Test
    void decodesABase64Body() {
        String body = "{\"prompt\":\"Grüß Gott\"}";
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withBody(Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true)
                .build();

        assertThat(Requests.bodyText(event)).isEqualTo(body);
    }

    @Test
    void refusesABase64BodyThatIsNotUtf8() {
        byte[] latin1 = "{\"prompt\":\"Gr\u00fc\u00df\"}".getBytes(StandardCharsets.ISO_8859_1);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withBody(Base64.getEncoder().encodeToString(latin1))
                .withIsBase64Encoded(true)
                .build();

        assertThatThrownBy(() -> Requests.bodyText(event))
                .isInstanceOfSatisfying(ApiException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_ERROR))
                .hasMessageContaining("UTF-8");
    }

    @Test
    void refusesABodyThatIsNotBase64ThoughFlaggedSo() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withBody("not base64!").withIsBase64Encoded(true)
                .build();

        assertThatThrownBy(() -> Requests.bodyText(event))
                .isInstanceOfSatisfying(ApiException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_ERROR))
                .hasMessageContaining("base64");
    }

    @Test
    void readsAMissingBodyAsEmpty() {
        assertThat(Requests.bodyText(APIGatewayV2HTTPEvent.builder().build())).isEmpty();
    }

    @Test
    void findsHeadersWhateverTheirCase() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("idempotency-key", "k-1", "Content-Type", "application/json"))
                .build();

        assertThat(Requests.header(event, "Idempotency-Key")).contains("k-1");
        assertThat(Requests.header(event, "content-type")).contains("application/json");
        assertThat(Requests.header(event, "Authorization")).isEmpty();
    }

    @Test
    void takesTheOwnerFromTheSubClaim() {
        APIGatewayV2HTTPEvent event = withClaims(Map.of("sub", "user-alice", "iss", "https://issuer.example"));

        assertThat(Requests.owner(event)).isEqualTo("user-alice");
    }

    @Test
    void refusesARequestWithoutASubClaim() {
        APIGatewayV2HTTPEvent noAuthorizer = APIGatewayV2HTTPEvent.builder()
                .withRequestContext(RequestContext.builder().build()).build();
        APIGatewayV2HTTPEvent blankSub = withClaims(Map.of("sub", " "));

        for (APIGatewayV2HTTPEvent event : new APIGatewayV2HTTPEvent[] {noAuthorizer, blankSub,
                APIGatewayV2HTTPEvent.builder().build()}) {
            assertThatThrownBy(() -> Requests.owner(event))
                    .isInstanceOfSatisfying(ApiException.class,
                            error -> assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        }
    }

    @Test
    void refusesAMissingPathParameterAsNotFound() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().build();

        assertThatThrownBy(() -> Requests.pathParameter(event, "id"))
                .isInstanceOfSatisfying(ApiException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    private static APIGatewayV2HTTPEvent withClaims(Map<String, String> claims) {
        return APIGatewayV2HTTPEvent.builder()
                .withRequestContext(RequestContext.builder()
                        .withAuthorizer(Authorizer.builder().withJwt(JWT.builder().withClaims(claims).build()).build())
                        .build())
                .build();
    }
}
