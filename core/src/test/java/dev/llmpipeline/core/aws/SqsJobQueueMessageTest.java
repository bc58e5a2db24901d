package dev.llmpipeline.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqsJobQueueMessageTest {

    @Test
    void readsBackTheJobIdOfAMessageBody() {
        String body = SqsJobQueue.messageBody("0b9c7f4e-2f7a-4f0e-9d3b-7f6d1c2a9e01");

        assertThat(body).isEqualTo("{\"job_id\":\"0b9c7f4e-2f7a-4f0e-9d3b-7f6d1c2a9e01\"}");
        assertThat(SqsJobQueue.jobIdOf(body)).contains("0b9c7f4e-2f7a-4f0e-9d3b-7f6d1c2a9e01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{}", "{\"job_id\": 7}", "{\"job_id\": \" \"}", "[\"job_id\"]",
            "{\"hello\": \"world\"}"})
    void findsNoJobIdInABodyThatIsNotAJobMessage(String body) {
        assertThat(SqsJobQueue.jobIdOf(body)).isEmpty();
    }
}
