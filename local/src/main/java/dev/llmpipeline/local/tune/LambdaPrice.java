package dev.llmpipeline.local.tune;

import java.util.List;
import software.amazon.awssdk.services.lambda.model.Architecture;

/**
 * What Lambda charges for on-demand invocations: compute by the GB-second of billed duration, and requests. The
 * prices are those of US East (N. Virginia), first tier (the first 6 billion GB-seconds a month), as listed on
 * https://aws.amazon.com/lambda/pricing/ ; other regions and the higher tiers differ by a few percent, which moves
 * every setting alike and so leaves the ranking of memory sizes as it is. Ephemeral storage above 512 MB is not
 * counted.
 */
public record LambdaPrice(String architecture, double usdPerGbSecond, double usdPerMillionRequests) {

    /** x86_64: $0.0000166667 per GB-second, $0.20 per million requests. */
    static final LambdaPrice X86_64 = new LambdaPrice("x86_64", 0.0000166667, 0.20);
    /** arm64 (Graviton): $0.0000133334 per GB-second, $0.20 per million requests. */
    static final LambdaPrice ARM64 = new LambdaPrice("arm64", 0.0000133334, 0.20);

    private static final double MB_PER_GB = 1024;
    private static final double MS_PER_SECOND = 1000;
    private static final double MILLION = 1_000_000;

    /** The price of a function built for these architectures (Lambda lists exactly one; x86_64 by default). */
    static LambdaPrice of(List<Architecture> architectures) {
        return architectures.contains(Architecture.ARM64) ? ARM64 : X86_64;
    }

    /** US dollars for a million invocations of this memory size, each billed this many milliseconds. */
    double usdPerMillionInvocations(int memoryMb, double billedMs) {
        double gbSeconds = memoryMb / MB_PER_GB * (billedMs / MS_PER_SECOND);
        return MILLION * gbSeconds * usdPerGbSecond + usdPerMillionRequests;
    }
}
