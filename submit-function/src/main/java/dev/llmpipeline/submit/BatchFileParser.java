package dev.llmpipeline.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.http.ApiException;
import dev.llmpipeline.core.http.ErrorCode;
import dev.llmpipeline.core.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a whole batch upload before anything is stored: JSONL (one request per line) or JSON
 * ({@code {"requests": [...], "metadata": {...}}}). Each request is checked as {@code POST /jobs} checks a job, plus a
 * {@code custom_id} that is required and unique in the batch. Any bad line rejects the upload, listing the first
 * 100 bad lines. Deliberate about the edges of real files: a UTF-8 byte order mark is skipped, CRLF line ends are
 * accepted, blank lines (and so a trailing newline) are skipped but still counted in line numbers, and bytes that are
 * not UTF-8 are reported with their line. Immutable and thread-safe.
 */
final class BatchFileParser {
    /** The most requests in a batch. */
    static final int MAX_REQUESTS = 10_000;
    /** The largest upload. */
    static final int MAX_BYTES = 5 * 1024 * 1024;
    /** Bad lines listed in the error's details at most. */
    static final int MAX_REPORTED = 100;

    /** A valid upload. */
    record BatchUpload(List<JobRequest> requests, Map<String, String> metadata) {}

    private final JobRequestParser parser;

    BatchFileParser(JobRequestParser parser) {
        this.parser = parser;
    }

    /** Parses JSONL. */
    BatchUpload parseJsonLines(byte[] body) {
        checkSize(body);
        Collector collector = new Collector();
        int start = startAfterByteOrderMark(body);
        int lineNumber = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '\n', start);
            lineNumber++;
            int stop = end > start && body[end - 1] == '\r' ? end - 1 : end;
            collector.line(lineNumber, body, start, stop);
            start = end + 1;
        }
        return collector.finish(Map.of());
    }

    /** Parses the JSON form. */
    BatchUpload parseJson(byte[] body) {
        checkSize(body);
        JsonNode root;
        int start = startAfterByteOrderMark(body);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, start, body.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "body: not valid UTF-8");
        }
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "body: malformed JSON (" + e.getOriginalMessage() + ")");
        }
        if (!root.isObject() || !root.path("requests").isArray()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "requests: a JSON object with a requests array is required");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("requests") && !name.equals("metadata")) {
                throw new ApiException(ErrorCode.VALIDATION_ERROR, name + ": unknown field");
            }
        }
        List<FieldProblem> metadataProblems = new ArrayList<>();
        Map<String, String> metadata = JobRequestParser.metadata(root.get("metadata"), metadataProblems);
        if (!metadataProblems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, metadataProblems.get(0).describe(), metadataProblems);
        }
        Collector collector = new Collector();
        int index = 0;
        for (JsonNode request : root.get("requests")) {
            collector.request(++index, request);
        }
        return collector.finish(metadata);
    }

    private static void checkSize(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "body: a batch is at most " + MAX_BYTES + " bytes");
        }
    }

    private static int startAfterByteOrderMark(byte[] body) {
        return body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF
                ? 3 : 0;
    }

    private static int indexOf(byte[] body, byte wanted, int from) {
        for (int index = from; index < body.length; index++) {
            if (body[index] == wanted) {
                return index;
            }
        }
        return body.length;
    }

    /** Collects the requests and the problems, line by line. */
    private final class Collector {
        private final List<JobRequest> requests = new ArrayList<>();
        private final List<Map<String, Object>> problems = new ArrayList<>();
        private final Map<String, Integer> lineOfCustomId = new HashMap<>();
        private int badLines;

        void line(int lineNumber, byte[] body, int from, int to) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                problem(lineNumber, "not valid UTF-8");
                return;
            }
            if (text.isBlank()) {
                return;
            }
            try {
                request(lineNumber, Json.parse(text));
            } catch (JsonProcessingException e) {
                problem(lineNumber, "malformed JSON (" + e.getOriginalMessage() + ")");
            }
        }

        void request(int lineNumber, JsonNode node) {
            if (requests.size() + badLines >= MAX_REQUESTS) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "body: a batch is at most " + MAX_REQUESTS
                        + " requests");
            }
            try {
                JobRequest request = parser.parse(node, true);
                Integer earlier = lineOfCustomId.putIfAbsent(request.customId(), lineNumber);
                if (earlier != null) {
                    problem(lineNumber, "custom_id: '" + request.customId() + "' is used on line " + earlier
                            + " already; it must be unique in the batch");
                } else {
                    requests.add(request);
                }
            } catch (InvalidRequestException e) {
                problem(lineNumber, String.join("; ", e.problems().stream().map(FieldProblem::describe).toList()));
            }
        }

        private void problem(int lineNumber, String message) {
            badLines++;
            if (problems.size() < MAX_REPORTED) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("line", lineNumber);
                detail.put("message", message);
                problems.add(detail);
            }
        }

        BatchUpload finish(Map<String, String> metadata) {
            if (badLines > 0) {
                throw new ApiException(ErrorCode.VALIDATION_ERROR, badLines + " invalid line(s); nothing was accepted."
                        + " First: line " + problems.get(0).get("line") + ": " + problems.get(0).get("message"),
                        problems);
            }
            if (requests.isEmpty()) {
                throw new ApiException(ErrorCode.VALIDATION_ERROR, "body: the batch has no requests");
            }
            return new BatchUpload(requests, metadata);
        }
    }
}
