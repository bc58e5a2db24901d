package dev.llmpipeline.core.testing;

import dev.llmpipeline.core.telemetry.Telemetry;
import java.util.Map;

/** Telemetry for handler tests: EMF to standard output, never a probe of the EC2 metadata address. */
public final class LocalTelemetry {

    private LocalTelemetry() {
    }

    /** A cold execution environment of the named service. */
    public static Telemetry of(String service) {
        return Telemetry.fromEnvironment(Map.of("AWS_EMF_ENVIRONMENT", "Local", "POWERTOOLS_SERVICE_NAME", service),
                service);
    }
}
