package dev.llmpipeline.result;

import dev.llmpipeline.core.http.ApiException;
import dev.llmpipeline.core.http.ErrorCode;
import dev.llmpipeline.core.port.ResultsPosition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The opaque {@code cursor} of {@code GET /batches/{id}/results}: a position in the batch's results, bound to the
 * batch, encoded URL-safe. Clients only hand it back; a cursor of another batch or a forged one is refused.
 */
final class ResultsCursor {
    private static final Pattern FORMAT = Pattern.compile("v1:([0-9a-f-]{36}):([0-9]{1,19}):([0-9a-f-]{36})");

    private ResultsCursor() {
    }

    static String encode(String batchId, ResultsPosition position) {
        String text = "v1:" + batchId + ":" + position.completedAtMillis() + ":" + position.jobId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws ApiException 400 when the cursor is malformed or belongs to another batch
     */
    static ResultsPosition decode(String batchId, String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Matcher matcher = FORMAT.matcher(text);
            if (matcher.matches() && matcher.group(1).equals(batchId)) {
                return new ResultsPosition(Long.parseLong(matcher.group(2)), matcher.group(3));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ApiException(ErrorCode.VALIDATION_ERROR, "cursor: not a cursor of batch " + batchId
                + "; pass back the next_cursor of a previous page");
    }
}
