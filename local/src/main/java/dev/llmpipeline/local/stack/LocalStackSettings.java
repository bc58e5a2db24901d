package dev.llmpipeline.local.stack;

import dev.llmpipeline.local.endpoint.EmulatorSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the local stack.
 *
 * @param home               the repository root: {@code template.yaml} and {@code local/dynalite} are found from it
 * @param apiPort            the HTTP API's port (0 for any free port)
 * @param timeScale          scales every duration the stack owns: the endpoint's latency, the queue's visibility
 *                           timeout, the claim lease and the SQS-driven functions' timeouts
 * @param endpoint           the endpoint emulator's latency model, instances and faults (its time scale is set
 *                           from {@code timeScale})
 * @param crashRate          share of worker invocations that die after claiming their jobs and before storing
 * @param apiThrottling      whether the HTTP API applies the template's throttling limits
 * @param ownersByToken      bearer token to owner
 * @param parameterOverrides template parameters to override, as {@code sam deploy --parameter-overrides} would
 */
public record LocalStackSettings(Path home, int apiPort, double timeScale, EmulatorSettings endpoint,
                                 double crashRate, boolean apiThrottling, Map<String, String> ownersByToken,
                                 Map<String, String> parameterOverrides) {

    /** The smallest time scale the stack runs at. */
    public static final double MIN_TIME_SCALE = 0.005;

    /** The token that works when {@code PIPELINE_LOCAL_TOKENS} is not set. */
    public static final String DEFAULT_TOKEN = "local-dev-token";

    public LocalStackSettings {
        Objects.requireNonNull(home, "home");
        // Below this, the scaled worker timeout (60 s x scale) no longer covers the real, unscaled cost of the local
        // servers' round trips and a cold JVM, and no job can finish.
        if (!(timeScale >= MIN_TIME_SCALE)) {
            throw new IllegalArgumentException("time scale must be at least " + MIN_TIME_SCALE + ", was " + timeScale);
        }
        if (crashRate < 0 || crashRate > 1) {
            throw new IllegalArgumentException("crash rate must be between 0 and 1, was " + crashRate);
        }
        ownersByToken = Map.copyOf(ownersByToken);
        parameterOverrides = Map.copyOf(parameterOverrides);
        endpoint = endpoint.withTimeScale(timeScale);
    }

    /** Defaults: port 3000, real time, one endpoint instance, no faults, the default token. */
    public static LocalStackSettings defaults(Path home) {
        return new LocalStackSettings(home, 3000, 1.0, EmulatorSettings.defaults(), 0, false,
                Map.of(DEFAULT_TOKEN, "local"), Map.of());
    }

    /**
     * Reads {@code PIPELINE_LOCAL_TOKENS}: {@code "owner:token,owner2:token2"}.
     *
     * @return token to owner; the default token when the value is absent or blank
     */
    public static Map<String, String> tokensFrom(String value) {
        if (value == null || value.isBlank()) {
            return Map.of(DEFAULT_TOKEN, "local");
        }
        Map<String, String> owners = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            String[] parts = pair.trim().split(":", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("PIPELINE_LOCAL_TOKENS must be owner:token pairs separated by"
                        + " commas, got '" + pair.trim() + "'");
            }
            owners.put(parts[1].trim(), parts[0].trim());
        }
        return owners;
    }

    public LocalStackSettings withApiPort(int port) {
        return new LocalStackSettings(home, port, timeScale, endpoint, crashRate, apiThrottling, ownersByToken,
                parameterOverrides);
    }

    public LocalStackSettings withTimeScale(double scale) {
        return new LocalStackSettings(home, apiPort, scale, endpoint, crashRate, apiThrottling, ownersByToken,
                parameterOverrides);
    }

    public LocalStackSettings withEndpoint(EmulatorSettings settings) {
        return new LocalStackSettings(home, apiPort, timeScale, settings, crashRate, apiThrottling, ownersByToken,
                parameterOverrides);
    }

    public LocalStackSettings withCrashRate(double rate) {
        return new LocalStackSettings(home, apiPort, timeScale, endpoint, rate, apiThrottling, ownersByToken,
                parameterOverrides);
    }

    public LocalStackSettings withApiThrottling(boolean enabled) {
        return new LocalStackSettings(home, apiPort, timeScale, endpoint, crashRate, enabled, ownersByToken, parameterOverrides);
    }

    public LocalStackSettings withOwnersByToken(Map<String, String> owners) {
        return new LocalStackSettings(home, apiPort, timeScale, endpoint, crashRate, apiThrottling, owners, parameterOverrides);
    }

    public LocalStackSettings withParameterOverrides(Map<String, String> overrides) {
        return new LocalStackSettings(home, apiPort, timeScale, endpoint, crashRate, apiThrottling, ownersByToken, overrides);
    }
}
