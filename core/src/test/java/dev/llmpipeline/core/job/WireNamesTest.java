package dev.llmpipeline.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WireNamesTest {

    @Test
    void namesStatusesInLowercaseAsTheApiDocuments() {
        assertThat(Arrays.stream(JobStatus.values()).map(JobStatus::wireName))
                .containsExactly("queued", "running", "succeeded", "failed", "cancelled");
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void readsEveryStatusBackFromItsWireName(JobStatus status) {
        assertThat(JobStatus.fromWire(status.wireName())).isEqualTo(status);
    }

    @Test
    void treatsOnlySucceededFailedAndCancelledAsTerminal() {
        assertThat(Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal))
                .containsExactlyInAnyOrder(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED);
    }

    @Test
    void refusesAnUnknownStatus() {
        assertThatIllegalArgumentException().isThrownBy(() -> JobStatus.fromWire("done"));
    }

    @Test
    void namesErrorCodesAsTheApiDocuments() {
        assertThat(Arrays.stream(JobErrorCode.values()).map(JobErrorCode::wireName))
                .containsExactly("model_error", "retries_exhausted", "timeout");
    }

    @Test
    void namesFinishReasonsAsTheApiDocuments() {
        assertThat(Arrays.stream(FinishReason.values()).map(FinishReason::wireName)).containsExactly("stop", "length");
        assertThat(FinishReason.fromWire("length")).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void refusesGenerationWithoutNewTokens() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GenerationParams(0))
                .withMessageContaining("maxNewTokens");
    }
}
