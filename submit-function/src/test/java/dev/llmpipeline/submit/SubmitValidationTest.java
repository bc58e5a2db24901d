package dev.llmpipeline.submit;

import static dev.llmpipeline.submit.SubmitFixture.json;
import static dev.llmpipeline.submit.SubmitFixture.postJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubmitValidationTest {
    private final SubmitFixture fixture = new SubmitFixture();

    static Stream<Arguments> badBodies() {
        return Stream.of(
                bad("malformed JSON", "{\"prompt\": \"hi\"", "body", "malformed JSON"),
                bad("a second document", "{\"prompt\": \"a\"} {\"prompt\": \"b\"}", "body", "malformed JSON"),
                bad("a key given twice", "{\"prompt\": \"a\", \"prompt\": \"b\"}", "body", "malformed JSON"),
                bad("a JSON array", "[{\"prompt\": \"hi\"}]", "body", "JSON object"),
                bad("nesting deeper than the parser allows",
                        "{\"prompt\": " + "[".repeat(1_001) + "\"hi\"" + "]".repeat(1_001) + "}",
                        "body", "nesting depth"),
                bad("a number longer than the parser allows",
                        "{\"prompt\": \"hi\", \"max_new_tokens\": " + "9".repeat(1_001) + "}",
                        "body", "malformed JSON"),
                bad("a number that no decimal holds",
                        "{\"prompt\": \"hi\", \"max_new_tokens\": 1.5e99999999999999999999}",
                        "body", "number out of range"),
                bad("an empty body", "", "body", "prompt"),
                bad("no prompt", "{\"max_new_tokens\": 12}", "prompt", "required"),
                bad("a null prompt", "{\"prompt\": null}", "prompt", "required"),
                bad("a prompt that is a number", "{\"prompt\": 42}", "prompt", "string"),
                bad("a prompt that is a list", "{\"prompt\": [\"a\", \"b\"]}", "prompt", "string"),
                bad("an empty prompt", "{\"prompt\": \"\"}", "prompt", "empty"),
                bad("a blank prompt", "{\"prompt\": \" \\n\\t \"}", "prompt", "blank"),
                bad("a prompt of 8001 characters", prompt("x".repeat(8_001)), "prompt", "8000"),
                bad("max_new_tokens 0", "{\"prompt\": \"hi\", \"max_new_tokens\": 0}", "max_new_tokens", "1 to 512"),
                bad("max_new_tokens 513", "{\"prompt\": \"hi\", \"max_new_tokens\": 513}", "max_new_tokens", "512"),
                bad("max_new_tokens 10000", "{\"prompt\": \"hi\", \"max_new_tokens\": 10000}", "max_new_tokens",
                        "512"),
                bad("max_new_tokens as a string", "{\"prompt\": \"hi\", \"max_new_tokens\": \"12\"}",
                        "max_new_tokens", "integer"),
                bad("max_new_tokens 12.5", "{\"prompt\": \"hi\", \"max_new_tokens\": 12.5}", "max_new_tokens",
                        "integer"),
                bad("the typo max_tokens", "{\"prompt\": \"hi\", \"max_tokens\": 12}", "max_tokens",
                        "max_new_tokens"),
                bad("an unknown field", "{\"prompt\": \"hi\", \"priority\": \"high\"}", "priority", "unknown field"),
                bad("do_sample true", "{\"prompt\": \"hi\", \"do_sample\": true}", "do_sample", "greedy"),
                bad("do_sample as a string", "{\"prompt\": \"hi\", \"do_sample\": \"false\"}", "do_sample", "greedy"),
                bad("temperature", "{\"prompt\": \"hi\", \"temperature\": 0.7}", "temperature", "greedy"),
                bad("top_p", "{\"prompt\": \"hi\", \"top_p\": 0.9}", "top_p", "greedy"),
                bad("top_k", "{\"prompt\": \"hi\", \"top_k\": 50}", "top_k", "greedy"),
                bad("num_beams", "{\"prompt\": \"hi\", \"num_beams\": 4}", "num_beams", "greedy"),
                bad("a custom_id of 65 characters", "{\"prompt\": \"hi\", \"custom_id\": \"" + "c".repeat(65) + "\"}",
                        "custom_id", "64"),
                bad("an empty custom_id", "{\"prompt\": \"hi\", \"custom_id\": \"\"}", "custom_id", "1 to 64"),
                bad("a custom_id that is a number", "{\"prompt\": \"hi\", \"custom_id\": 17}", "custom_id", "string"),
                bad("metadata with 17 entries", "{\"prompt\": \"hi\", \"metadata\": " + metadata(17, "v") + "}",
                        "metadata", "16"),
                bad("a metadata value that is not a string", "{\"prompt\": \"hi\", \"metadata\": {\"n\": 1}}",
                        "metadata.n", "string"),
                bad("a metadata value of 513 characters",
                        "{\"prompt\": \"hi\", \"metadata\": {\"note\": \"" + "v".repeat(513) + "\"}}",
                        "metadata.note", "512"),
                bad("a metadata key of 65 characters",
                        "{\"prompt\": \"hi\", \"metadata\": {\"" + "k".repeat(65) + "\": \"v\"}}", "metadata", "64"),
                bad("metadata that is a list", "{\"prompt\": \"hi\", \"metadata\": [\"a\"]}", "metadata", "object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void refusesABadBodyNamingTheFieldAndAcceptsNothing(String description, String body, String field,
                                                         String hint) {
        APIGatewayV2HTTPResponse response = fixture.handle(postJob(body));

        JsonNode error = json(response).get("error");
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).size()).isEqualTo(1);
        assertThat(error.get("code").asText()).isEqualTo("validation_error");
        assertThat(error.get("message").asText()).startsWith(field).contains(hint);
        assertThat(error.get("details").isArray()).isTrue();
        assertThat(fixture.store.jobs()).isEmpty();
        assertThat(fixture.queue.enqueued()).isEmpty();
    }

    @Test
    void listsEveryProblemOfABodyInTheDetails() {
        APIGatewayV2HTTPResponse response = fixture.handle(postJob(
                "{\"prompt\": \"\", \"temperature\": 0.2, \"max_new_tokens\": 0, \"custom_id\": \"\"}"));

        JsonNode details = json(response).at("/error/details");
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(details.findValuesAsText("field"))
                .containsExactlyInAnyOrder("temperature", "prompt", "max_new_tokens", "custom_id");
        assertThat(details.get(0).size()).as("a detail is a field and a message").isEqualTo(2);
        assertThat(details.get(0).get("message").asText()).isNotBlank();
    }

    @Test
    void acceptsValuesAtEveryLimit() {
        String body = "{\"prompt\": \"" + "p".repeat(8_000) + "\", \"max_new_tokens\": 512, \"custom_id\": \""
                + "c".repeat(64) + "\", \"metadata\": " + metadata(16, "v".repeat(512)) + ", \"do_sample\": false}";

        APIGatewayV2HTTPResponse response = fixture.handle(postJob(body));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(fixture.store.jobs()).singleElement()
                .satisfies(job -> assertThat(job.metadata()).hasSize(16));
    }

    @Test
    void acceptsTheSmallestBound() {
        APIGatewayV2HTTPResponse response = fixture.handle(postJob("{\"prompt\": \"hi\", \"max_new_tokens\": 1}"));

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(json(response).at("/request/max_new_tokens").asInt()).isEqualTo(1);
    }

    private static Arguments bad(String description, String body, String field, String hint) {
        return Arguments.of(description, body, field, hint);
    }

    private static String prompt(String text) {
        return "{\"prompt\": \"" + text + "\"}";
    }

    private static String metadata(int entries, String value) {
        return IntStream.rangeClosed(1, entries)
                .mapToObj(index -> "\"key" + index + "\": \"" + value + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
