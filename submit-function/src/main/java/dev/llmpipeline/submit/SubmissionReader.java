package dev.llmpipeline.submit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.llmpipeline.core.http.ApiException;
import dev.llmpipeline.core.http.ErrorCode;
import dev.llmpipeline.core.http.Requests;
import dev.llmpipeline.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the HTTP side of a submission into a validated request: content type, size, JSON, fields and the
 * {@code Idempotency-Key} header, each refused with the error that names it. Immutable and thread-safe.
 */
public final class SubmissionReader {
    /** A job body is a prompt of at most a few thousand characters; anything far larger is not a job. */
    static final int MAX_JOB_BODY_BYTES = 256 * 1024;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final JobRequestParser parser;
    private final BatchFileParser batchParser;

    SubmissionReader(JobRequestParser parser) {
        this.parser = parser;
        this.batchParser = new BatchFileParser(parser);
    }

    /** The reader for the given limits. */
    public static SubmissionReader of(int maxPromptChars, int maxNewTokensCap, int defaultMaxNewTokens) {
        return new SubmissionReader(new JobRequestParser(maxPromptChars, maxNewTokensCap, defaultMaxNewTokens));
    }

    /** Reads the body of {@code POST /jobs}. */
    JobRequest readJob(APIGatewayV2HTTPEvent event) {
        requireJsonContentType(event);
        String body = Requests.bodyText(event);
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_JOB_BODY_BYTES) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "body: larger than " + MAX_JOB_BODY_BYTES + " bytes");
        }
        if (body.isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "body: a JSON object with a prompt is required");
        }
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (JsonProcessingException e) {
            // A limit of the parser (nesting depth, length of a number) is reported without a location.
            JsonLocation location = e.getLocation();
            String where = location == null ? ""
                    : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "body: malformed JSON (" + e.getOriginalMessage()
                    + where + ")");
        }
        try {
            return parser.parse(node, false);
        } catch (InvalidRequestException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, e.getMessage(), e.problems());
        }
    }

    /**
     * Reads the body of {@code POST /batches}: JSONL ({@code application/jsonl}, {@code application/x-ndjson}) or
     * JSON ({@code application/json}, {@code {"requests": [...]}}), validated whole.
     */
    BatchFileParser.BatchUpload readBatch(APIGatewayV2HTTPEvent event) {
        String mediaType = Requests.header(event, "Content-Type")
                .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
        switch (mediaType) {
            case "application/jsonl":
            case "application/x-ndjson":
            case "application/x-jsonlines":
                return batchParser.parseJsonLines(Requests.bodyBytes(event));
            case "application/json":
                return batchParser.parseJson(Requests.bodyBytes(event));
            default:
                throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type: must be application/jsonl,"
                        + " application/x-ndjson or application/json, was " + (mediaType.isEmpty() ? "none" : mediaType));
        }
    }

    /** The {@code Idempotency-Key} header, when sent: 1 to 128 visible ASCII characters. */
    Optional<String> idempotencyKey(APIGatewayV2HTTPEvent event) {
        Optional<String> key = Requests.header(event, "Idempotency-Key");
        if (key.isPresent() && !IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR,
                    "Idempotency-Key: must be 1 to 128 visible ASCII characters", List.of());
        }
        return key;
    }

    private static void requireJsonContentType(APIGatewayV2HTTPEvent event) {
        Optional<String> contentType = Requests.header(event, "Content-Type");
        if (contentType.isEmpty()) {
            return; // a body without a Content-Type is read as JSON; a form type (curl --data's default) is refused
        }
        String mediaType = contentType.get().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type: must be application/json, was " + contentType.get());
        }
    }
}
