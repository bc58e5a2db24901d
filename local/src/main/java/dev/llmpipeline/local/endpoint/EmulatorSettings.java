package dev.llmpipeline.local.endpoint;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the endpoint emulator models: its speed, its size and the faults it injects. Immutable; change a
 * copy with the {@code withX} methods.
 *
 * <p>Faults are decided per call with a random generator seeded by {@code seed}, so a run with a fixed
 * seed and the same sequence of calls injects the same faults. A call is throttled with probability
 * {@code throttleRate}, else fails with a 5xx with probability {@code failRate} (the two shares are
 * disjoint, so their sum may not exceed 1), and independently takes {@code slowFactor} times as long with
 * probability {@code slowRate}.
 *
 * @param timeScale    multiplies every duration the emulator sleeps (tests use a small one), &gt; 0
 * @param instances    endpoint instances, each serving one call at a time, &gt;= 1
 * @param failRate     share of calls answered 500 {@code InternalFailure}, in [0, 1]
 * @param throttleRate share of calls answered 400 {@code ThrottlingException}, in [0, 1]
 * @param poisonMarker text that makes the model fail a call whose prompt contains it; null for none
 * @param slowRate     share of calls that are slow, in [0, 1]
 * @param slowFactor   how many times longer a slow call takes, &gt;= 1
 * @param seed         seed of the fault and sampling random generator
 * @param latency      the latency model
 */
public record EmulatorSettings(double timeScale, int instances, double failRate, double throttleRate,
        String poisonMarker, double slowRate, double slowFactor, long seed, LatencyModel latency) {

    /** Validates the ranges documented on the record's components. */
    public EmulatorSettings {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be a finite number > 0, was " + timeScale);
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, was " + instances);
        }
        requireRate("failRate", failRate);
        requireRate("throttleRate", throttleRate);
        requireRate("slowRate", slowRate);
        if (failRate + throttleRate > 1) {
            throw new IllegalArgumentException("failRate + throttleRate must not exceed 1, was "
                    + (failRate + throttleRate));
        }
        if (poisonMarker != null && poisonMarker.isEmpty()) {
            // An empty marker is contained in every prompt: almost certainly a mistake, not a wish.
            throw new IllegalArgumentException("poisonMarker must be null or non-empty");
        }
        if (!(slowFactor >= 1) || Double.isInfinite(slowFactor)) {
            throw new IllegalArgumentException("slowFactor must be a finite number >= 1, was " + slowFactor);
        }
        Objects.requireNonNull(latency, "latency");
    }

    /**
     * Real time, one instance, no faults, slow calls ten times as long, a random seed and
     * {@link LatencyModel#t4Seq2Seq()}.
     *
     * @return the default settings
     */
    public static EmulatorSettings defaults() {
        return new EmulatorSettings(1.0, 1, 0, 0, null, 0, 10, ThreadLocalRandom.current().nextLong(),
                LatencyModel.t4Seq2Seq());
    }

    /**
     * Returns a copy with the new time scale.
     *
     * @param value the new time scale
     * @return the copy
     */
    public EmulatorSettings withTimeScale(double value) {
        return new EmulatorSettings(value, instances, failRate, throttleRate, poisonMarker, slowRate, slowFactor,
                seed, latency);
    }

    /**
     * Returns a copy with the new number of instances.
     *
     * @param value the new number of instances
     * @return the copy
     */
    public EmulatorSettings withInstances(int value) {
        return new EmulatorSettings(timeScale, value, failRate, throttleRate, poisonMarker, slowRate, slowFactor,
                seed, latency);
    }

    /**
     * Returns a copy with the new share of 5xx answers.
     *
     * @param value the new share of 5xx answers
     * @return the copy
     */
    public EmulatorSettings withFailRate(double value) {
        return new EmulatorSettings(timeScale, instances, value, throttleRate, poisonMarker, slowRate, slowFactor,
                seed, latency);
    }

    /**
     * Returns a copy with the new share of throttled answers.
     *
     * @param value the new share of throttled answers
     * @return the copy
     */
    public EmulatorSettings withThrottleRate(double value) {
        return new EmulatorSettings(timeScale, instances, failRate, value, poisonMarker, slowRate, slowFactor,
                seed, latency);
    }

    /**
     * Returns a copy with the new poison marker, or null for none.
     *
     * @param value the new poison marker, or null for none
     * @return the copy
     */
    public EmulatorSettings withPoisonMarker(String value) {
        return new EmulatorSettings(timeScale, instances, failRate, throttleRate, value, slowRate, slowFactor,
                seed, latency);
    }

    /**
     * Returns a copy with the new share of slow calls.
     *
     * @param value the new share of slow calls
     * @return the copy
     */
    public EmulatorSettings withSlowRate(double value) {
        return new EmulatorSettings(timeScale, instances, failRate, throttleRate, poisonMarker, value, slowFactor,
                seed, latency);
    }

    /**
     * Returns a copy with a new slow factor.
     *
     * @param value how many times longer a slow call takes, &gt;= 1
     * @return the copy
     */
    public EmulatorSettings withSlowFactor(double value) {
        return new EmulatorSettings(timeScale, instances, failRate, throttleRate, poisonMarker, slowRate, value,
                seed, latency);
    }

    /**
     * Returns a copy with the new random seed.
     *
     * @param value the new random seed
     * @return the copy
     */
    public EmulatorSettings withSeed(long value) {
        return new EmulatorSettings(timeScale, instances, failRate, throttleRate, poisonMarker, slowRate, slowFactor,
                value, latency);
    }

    /**
     * Returns a copy with the new latency model.
     *
     * @param value the new latency model
     * @return the copy
     */
    public EmulatorSettings withLatency(LatencyModel value) {
        return new EmulatorSettings(timeScale, instances, failRate, throttleRate, poisonMarker, slowRate, slowFactor,
                seed, value);
    }

    private static void requireRate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
    }
}
