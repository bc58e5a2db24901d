package dev.llmpipeline.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvocationRequestTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void readsAListOfPromptsWithParameters() throws Exception {
        InvocationRequest request = parse("""
                {"inputs": ["a", "b"], "parameters": {"max_new_tokens": 64, "do_sample": false, "batch_size": 2}}""");

        assertThat(request.inputs()).containsExactly("a", "b");
        assertThat(request.maxNewTokens()).isEqualTo(64);
        assertThat(request.doSample()).isFalse();
        assertThat(request.batchSize()).isEqualTo(2);
        assertThat(request.parameters()).containsEntry("max_new_tokens", 64).containsEntry("batch_size", 2);
    }

    @Test
    void readsOnePromptWithTheToolkitsDefaults() throws Exception {
        InvocationRequest request = parse("{\"inputs\": \"just one\"}");

        assertThat(request.inputs()).isEqualTo(List.of("just one"));
        assertThat(request.maxNewTokens()).isEqualTo(InvocationRequest.DEFAULT_MAX_NEW_TOKENS).isEqualTo(20);
        assertThat(request.doSample()).isFalse();
        assertThat(request.batchSize()).isEqualTo(1);
        assertThat(request.parameters()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                          | not valid JSON",
        "[\"a\"]                                           | must be a JSON object",
        "{}                                                | \"inputs\" is required",
        "{\"inputs\": 42}                                  | must be a string or a list of strings",
        "{\"inputs\": []}                                  | must not be an empty list",
        "{\"inputs\": [\"a\", 1]}                          | \"inputs\"[1] must be a string",
        "{\"inputs\": \"a\", \"parameters\": 3}            | \"parameters\" must be a JSON object",
        "{\"inputs\": \"a\", \"parameters\": {\"max_new_tokens\": 0}}     | \"max_new_tokens\" must be a positive",
        "{\"inputs\": \"a\", \"parameters\": {\"max_new_tokens\": 2.5}}   | \"max_new_tokens\" must be a positive",
        "{\"inputs\": \"a\", \"parameters\": {\"max_new_tokens\": \"8\"}} | \"max_new_tokens\" must be a positive",
        "{\"inputs\": \"a\", \"parameters\": {\"batch_size\": -1}}        | \"batch_size\" must be a positive",
        "{\"inputs\": \"a\", \"parameters\": {\"do_sample\": \"yes\"}}    | \"do_sample\" must be true or false",
    })
    void rejectsMalformedBodiesNamingTheProblem(String body, String message) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(InvocationRequest.InvalidRequestException.class)
                .hasMessageContaining(message);
    }

    private InvocationRequest parse(String body) throws InvocationRequest.InvalidRequestException {
        return InvocationRequest.parse(body.getBytes(StandardCharsets.UTF_8), mapper);
    }
}
