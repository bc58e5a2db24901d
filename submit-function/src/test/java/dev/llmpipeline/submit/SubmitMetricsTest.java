package dev.llmpipeline.submit;

import static dev.llmpipeline.submit.BatchEvents.JSONL;
import static dev.llmpipeline.submit.BatchEvents.postBatch;
import static dev.llmpipeline.submit.BatchEvents.validLines;
import static dev.llmpipeline.submit.SubmitFixture.postJob;
import static dev.llmpipeline.submit.SubmitFixture.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code JobsSubmitted} counts each job once, when it is accepted: a replay or a refusal counts nothing. */
class SubmitMetricsTest {

    @Test
    void countsAnAcceptedJobOnceAndNotItsReplay() {
        SubmitFixture fixture = new SubmitFixture();
        String body = "{\"prompt\": \"hi\", \"max_new_tokens\": 8}";

        assertThat(fixture.handle(withHeader(postJob(body), "Idempotency-Key", "k-1")).getStatusCode())
                .isEqualTo(202);
        assertThat(fixture.handle(withHeader(postJob(body), "Idempotency-Key", "k-1")).getStatusCode())
                .isEqualTo(200);
        assertThat(fixture.handle(postJob("{\"prompt\": \"\"}")).getStatusCode()).isEqualTo(400);

        assertThat(fixture.metrics.recorded()).containsExactly("JobsSubmitted 1");
    }

    @Test
    void countsEveryJobOfAnAcceptedBatchAtOnce() {
        try (BatchSubmitFixture fixture = new BatchSubmitFixture()) {
            assertThat(fixture.handle(postBatch(JSONL, validLines(3))).getStatusCode()).isEqualTo(202);

            assertThat(fixture.base.metrics.recorded()).containsExactly("JobsSubmitted 3");
        }
    }
}
