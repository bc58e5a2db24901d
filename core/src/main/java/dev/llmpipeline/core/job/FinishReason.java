package dev.llmpipeline.core.job;

import java.util.Locale;

/** Why generation stopped: the model ended the sequence, or it hit {@code max_new_tokens}. */
public enum FinishReason {
    STOP, LENGTH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FinishReason fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
