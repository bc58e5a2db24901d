package dev.llmpipeline.core.job;

import java.util.UUID;
import java.util.regex.Pattern;

/** Job ids: random UUIDs (122 random bits), so that an id can be neither guessed nor enumerated. */
public final class JobIds {
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The smallest id: a position before every job. */
    public static final String ZERO = "00000000-0000-0000-0000-000000000000";

    private JobIds() {
    }

    /** A new id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Whether {@code id} could be one of ours. Anything else cannot exist, and is answered as unknown without a read
     * (an over-long id would also exceed DynamoDB's key size and fail the read).
     */
    public static boolean isWellFormed(String id) {
        return id != null && CANONICAL_UUID.matcher(id).matches();
    }
}
