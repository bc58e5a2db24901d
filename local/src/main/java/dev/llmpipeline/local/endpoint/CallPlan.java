package dev.llmpipeline.local.endpoint;

import java.util.Random;

/**
 * The random decisions for one call, drawn together so that a fixed seed and the same sequence of calls
 * always inject the same faults, whatever threads serve them.
 *
 * @param fault        the fault to answer with, if any
 * @param slow         whether this call takes {@code slowFactor} times as long
 * @param jitterFactor multiplies the call's duration, in {@code [1 - jitter, 1 + jitter]}
 * @param samplingSeed mixed into the prompt's hash when the call asks for {@code do_sample}
 */
record CallPlan(Fault fault, boolean slow, double jitterFactor, long samplingSeed) {

    /** The faults the emulator injects before a call reaches an instance. */
    enum Fault { NONE, THROTTLE, FAIL }

    /**
     * Draws the plan of the next call. The generator is shared by all calls; holding its lock for the
     * whole draw keeps each call's four numbers together.
     *
     * @param random   the emulator's seeded generator
     * @param settings the fault rates and latency model
     * @return the plan
     */
    static CallPlan draw(Random random, EmulatorSettings settings) {
        synchronized (random) {
            double faultDraw = random.nextDouble();
            // Disjoint intervals, so each share is exactly the configured rate.
            Fault fault = faultDraw < settings.throttleRate() ? Fault.THROTTLE
                    : faultDraw < settings.throttleRate() + settings.failRate() ? Fault.FAIL
                    : Fault.NONE;
            boolean slow = random.nextDouble() < settings.slowRate();
            double jitterFactor = 1 + settings.latency().jitter() * (2 * random.nextDouble() - 1);
            return new CallPlan(fault, slow, jitterFactor, random.nextLong());
        }
    }

    /**
     * How much longer than the latency model's {@code T} this call takes, time scale excluded.
     *
     * @param settings the slow factor
     * @return the factor
     */
    double durationFactor(EmulatorSettings settings) {
        return jitterFactor * (slow ? settings.slowFactor() : 1);
    }
}
