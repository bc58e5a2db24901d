package dev.llmpipeline.local.api;

/**
 * The HTTP API's throttling: a token bucket of {@code burst} tokens refilled at {@code rate} per second, as
 * API Gateway applies its route throttling. Thread-safe.
 */
final class TokenBucket {
    private final double burst;
    private final double ratePerNano;
    private double tokens;
    private long lastRefill;

    TokenBucket(int burst, double ratePerSecond) {
        this.burst = burst;
        this.ratePerNano = ratePerSecond / 1e9;
        this.tokens = burst;
        this.lastRefill = System.nanoTime();
    }

    /** Takes a token if there is one. */
    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefill) * ratePerNano);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whole seconds until a token is back, at least 1: the {@code Retry-After} value. */
    synchronized long secondsUntilNextToken() {
        return Math.max(1, (long) Math.ceil((1 - tokens) / (ratePerNano * 1e9)));
    }
}
