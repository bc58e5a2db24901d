package dev.llmpipeline.core.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.llmpipeline.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.Core;
import org.junit.jupiter.api.Test;

/** The hooks called directly, as Lambda's CRaC context would call them around a snapshot. */
class SnapshotHooksTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T01:00:00Z"));
    private final AtomicInteger primings = new AtomicInteger();
    private final SnapshotHooks hooks = new SnapshotHooks("test-function", primings::incrementAndGet, clock);

    @Test
    void knowsNoSnapshotBeforeTheCheckpoint() {
        assertThat(hooks.snapshotAge()).isEmpty();
        assertThat(hooks.restores()).isZero();
    }

    @Test
    void measuresTheSnapshotsAgeFromTheCheckpointToTheRestore() throws Exception {
        hooks.beforeCheckpoint(Core.getGlobalContext());
        clock.advance(Duration.ofMinutes(90));

        hooks.afterRestore(Core.getGlobalContext());

        assertThat(hooks.restores()).isEqualTo(1);
        assertThat(hooks.snapshotAge()).contains(Duration.ofMinutes(90));
    }

    @Test
    void primesTheRequestPathBeforeTheCheckpointOnly() throws Exception {
        hooks.beforeCheckpoint(Core.getGlobalContext());
        hooks.afterRestore(Core.getGlobalContext());

        assertThat(primings).hasValue(1);
    }

    @Test
    void aFailedPrimingDoesNotFailTheSnapshot() {
        var failing = new SnapshotHooks("test-function", () -> {
            throw new IllegalStateException("table not reachable");
        }, clock);

        assertThatCode(() -> failing.beforeCheckpoint(Core.getGlobalContext())).doesNotThrowAnyException();
        assertThat(failing.snapshotAge()).contains(Duration.ZERO);
    }

    @Test
    void aRestoreWithoutACheckpointSeenStillCounts() throws Exception {
        hooks.afterRestore(Core.getGlobalContext());

        assertThat(hooks.restores()).isEqualTo(1);
        assertThat(hooks.snapshotAge()).isEmpty();
    }

    @Test
    void registersWithTheGlobalContextOfAJvmWithoutCrac() {
        assertThatCode(() -> assertThat(SnapshotHooks.register("test-function", () -> { })).isNotNull())
                .doesNotThrowAnyException();
    }
}
