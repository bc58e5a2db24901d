package dev.llmpipeline.core.http;

import java.util.Locale;

/** The {@code error.code} values of the API, each tied to its HTTP status. */
public enum ErrorCode {
    VALIDATION_ERROR(400),
    UNAUTHORIZED(401),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    THROTTLED(429),
    INTERNAL_ERROR(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
