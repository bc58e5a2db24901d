package dev.llmpipeline.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void isVisibleOnlyToItsOwnerAndOnlyOnceAccepted() {
        assertThat(batch(BatchState.ACCEPTING).isVisibleTo("alice")).isFalse();
        assertThat(batch(BatchState.ACCEPTED).isVisibleTo("alice")).isTrue();
        assertThat(batch(BatchState.CANCELLED).isVisibleTo("alice")).isTrue();
        assertThat(batch(BatchState.ACCEPTED).isVisibleTo("bob")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(BatchState.class)
    void readsBackItsLowercaseWireName(BatchState state) {
        assertThat(state.wireName()).isEqualTo(state.name().toLowerCase());
        assertThat(BatchState.fromWire(state.wireName())).isEqualTo(state);
    }

    @Test
    void countsStatusesSoThatThePartsAddUpToTheTotal() {
        RequestCounts counts = RequestCounts.of(List.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.SUCCEEDED,
                JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.CANCELLED));

        assertThat(counts).isEqualTo(new RequestCounts(7, 1, 1, 2, 1, 2));
        assertThat(counts.allTerminal()).isFalse();
        assertThat(RequestCounts.of(List.of(JobStatus.SUCCEEDED, JobStatus.CANCELLED)).allTerminal()).isTrue();
        assertThat(RequestCounts.of(List.of())).isEqualTo(new RequestCounts(0, 0, 0, 0, 0, 0));
    }

    @Test
    void copiesItsMetadata() {
        Map<String, String> metadata = new HashMap<>(Map.of("project", "eval-7"));
        Batch batch = new Batch("b", "alice", BatchState.ACCEPTED, CREATED, null, 1, metadata);

        metadata.put("later", "x");

        assertThat(batch.metadata()).containsOnlyKeys("project");
        assertThat(new Batch("b", "alice", BatchState.ACCEPTED, CREATED, null, 1, null).metadata()).isEmpty();
    }

    private static Batch batch(BatchState state) {
        return new Batch("6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c", "alice", state, CREATED, null, 3, Map.of());
    }
}
