package dev.llmpipeline.local.tune;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when a pause moves it, so polling loops run at once and their waits can be checked. */
final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-12-04T10:00:00Z");
    private final List<Duration> pauses = new ArrayList<>();

    /** A poller whose pauses advance this clock instead of waiting. */
    Poller poller() {
        return new Poller(this::advance, this);
    }

    void advance(Duration duration) {
        pauses.add(duration);
        now = now.plus(duration);
    }

    /** Every pause taken, in order. */
    List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a manual clock stays in UTC");
    }
}
