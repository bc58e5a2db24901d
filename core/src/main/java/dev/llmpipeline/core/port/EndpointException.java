package dev.llmpipeline.core.port;

import java.util.Objects;

/** A failed endpoint call, classified so that the caller knows whether trying again can help. */
public final class EndpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is. */
    public enum Kind {
        /** Throttling, 5xx, lost connections: the same call may succeed later. */
        TRANSIENT,
        /** The call did not finish within the time it was given: the generation needs more time than was left. */
        TIMEOUT,
        /** The model refused the input of this call; retrying the same input fails the same way. */
        MODEL_ERROR,
        /** The call itself is wrong (validation, an answer that does not fit the request): a bug or misconfiguration. */
        PERMANENT
    }

    private final Kind kind;

    public EndpointException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public EndpointException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
