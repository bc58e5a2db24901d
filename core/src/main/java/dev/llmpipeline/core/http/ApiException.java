package dev.llmpipeline.core.http;

import java.util.List;
import java.util.Objects;

/**
 * A request the API answers with an error. Carries what the client needs to fix it; handlers turn it into the
 * one error shape {@code {"error": {"code", "message", "details"}}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient List<Object> details;

    public ApiException(ErrorCode code, String message, List<?> details) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.details = List.copyOf(details);
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " " + id + " not found");
    }

    public ErrorCode code() {
        return code;
    }

    public List<Object> details() {
        return details;
    }
}
