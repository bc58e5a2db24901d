package dev.llmpipeline.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.config.AwsSettings;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.trace.TraceScope;
import dev.llmpipeline.core.trace.Tracer;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

class TracingInterceptorTest {
    private static final Optional<URI> NOWHERE = Optional.of(URI.create("http://127.0.0.1:9"));
    private static final AwsSettings SETTINGS = new AwsSettings(Region.US_EAST_1,
            AwsBasicCredentials.create("key", "secret"), NOWHERE, NOWHERE, NOWHERE);
    private static final String HEADER = "Root=1-67a0c0de-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";

    private final List<JsonNode> emitted = new CopyOnWriteArrayList<>();
    private final Tracer tracer = new Tracer(document -> emitted.add(parse(document.toJson())), Clock.systemUTC());

    @Test
    void recordsADynamoDbCallAsASubsegmentAndPassesTheTraceOn() {
        var http = new AnsweringHttpClient(200, "{}");
        var dynamoDb = new AwsClients(SETTINGS, () -> http).dynamoDb();

        try (TraceScope.Activation traced = tracer.scope(HEADER).activate()) {
            dynamoDb.getItem(b -> b.tableName("jobs").key(Map.of()));
        }

        assertThat(emitted).hasSize(1);
        JsonNode subsegment = emitted.get(0);
        assertThat(subsegment.path("name").asText()).isEqualTo("DynamoDB");
        assertThat(subsegment.path("type").asText()).isEqualTo("subsegment");
        assertThat(subsegment.path("namespace").asText()).isEqualTo("aws");
        assertThat(subsegment.path("trace_id").asText()).isEqualTo("1-67a0c0de-0123456789abcdef01234567");
        assertThat(subsegment.path("parent_id").asText()).isEqualTo("53995c3f42cd8ad8");
        assertThat(subsegment.path("aws").path("operation").asText()).isEqualTo("GetItem");
        assertThat(subsegment.path("aws").path("table_name").asText()).isEqualTo("jobs");
        assertThat(subsegment.path("aws").path("request_id").asText()).isEqualTo("request-1");
        assertThat(subsegment.path("aws").path("retries").asInt()).isZero();
        assertThat(subsegment.path("http").path("response").path("status").asInt()).isEqualTo(200);
        assertThat(subsegment.path("end_time").decimalValue())
                .isGreaterThanOrEqualTo(subsegment.path("start_time").decimalValue());
        assertThat(http.sent.get(0).request().firstMatchingHeader("X-Amzn-Trace-Id")).contains(
                "Root=1-67a0c0de-0123456789abcdef01234567;Parent=" + subsegment.path("id").asText() + ";Sampled=1");
    }

    @Test
    void putsTheTraceHeaderOnEveryMessageSentToSqsWithTheSqsSubsegmentAsParent() {
        var http = new AnsweringHttpClient(200, "{\"Successful\": [], \"Failed\": []}");
        var queue = new SqsJobQueue(new AwsClients(SETTINGS, () -> http).sqs(), "http://127.0.0.1:9/000/jobs");

        try (TraceScope.Activation traced = tracer.scope(HEADER).activate()) {
            queue.enqueue(List.of("job-1", "job-2"));
        }

        JsonNode subsegment = emitted.get(0);
        assertThat(subsegment.path("name").asText()).isEqualTo("SQS");
        assertThat(subsegment.path("aws").path("operation").asText()).isEqualTo("SendMessageBatch");
        assertThat(subsegment.path("aws").path("queue_url").asText()).isEqualTo("http://127.0.0.1:9/000/jobs");
        JsonNode entries = parse(http.sent.get(0).body()).path("Entries");
        assertThat(entries).hasSize(2).allSatisfy(entry -> assertThat(entry.path("MessageSystemAttributes")
                .path("AWSTraceHeader").path("StringValue").asText()).isEqualTo(
                "Root=1-67a0c0de-0123456789abcdef01234567;Parent=" + subsegment.path("id").asText() + ";Sampled=1"));
    }

    @Test
    void recordsOneSubsegmentPerEndpointCallAndMarksAServerFailureAsAFault() {
        var http = new AnsweringHttpClient(500, "{\"message\": \"down\"}");
        var sageMaker = new AwsClients(SETTINGS, () -> http).sageMakerRuntime();

        try (TraceScope.Activation traced = tracer.scope(HEADER).activate()) {
            assertThatThrownBy(() -> sageMaker.invokeEndpoint(b -> b.endpointName("model")
                    .body(SdkBytes.fromUtf8String("{}")))).isInstanceOf(SdkException.class);
        }

        assertThat(emitted).singleElement().satisfies(subsegment -> {
            assertThat(subsegment.path("name").asText()).isEqualTo("SageMakerRuntime");
            assertThat(subsegment.path("aws").path("operation").asText()).isEqualTo("InvokeEndpoint");
            assertThat(subsegment.path("aws").path("endpoint_name").asText()).isEqualTo("model");
            assertThat(subsegment.path("fault").asBoolean()).isTrue();
            assertThat(subsegment.path("http").path("response").path("status").asInt()).isEqualTo(500);
        });
        assertThat(http.sent).hasSize(1);
    }

    @Test
    void leavesCallsOutsideAScopeUntraced() {
        var http = new AnsweringHttpClient(200, "{}");

        new AwsClients(SETTINGS, () -> http).dynamoDb().getItem(b -> b.tableName("jobs").key(Map.of()));

        assertThat(emitted).isEmpty();
        assertThat(http.sent.get(0).request().firstMatchingHeader("X-Amzn-Trace-Id")).isEmpty();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
