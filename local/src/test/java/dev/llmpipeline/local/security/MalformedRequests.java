package dev.llmpipeline.local.security;

import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.security.RawHttp.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Malformed requests to every part of the API, drawn from a seeded {@link Random}: bad bodies, content types, sizes
 * over the limits, odd headers, bad or missing tokens, odd paths and query strings. Each request is malformed by
 * construction, so each must be refused (4xx) and leave nothing behind; {@link Case#expected} narrows the status
 * where the rule that refuses it is known. Not thread-safe.
 */
final class MalformedRequests {
    /** One request and the statuses it may get. */
    record Case(String name, String method, String target, List<Header> headers, byte[] body,
                Set<Integer> expected) {
        @Override
        public String toString() {
            return method + " " + RawHttp.abbreviate(target) + " (" + name + ")";
        }
    }

    private static final int MAX_JOB_BODY_BYTES = 256 * 1024;
    private static final int MAX_BATCH_BYTES = 5 * 1024 * 1024;
    private static final int MAX_API_BYTES = 10 * 1024 * 1024;
    private static final Set<Integer> BAD = Set.of(400);
    private static final Set<Integer> UNKNOWN = Set.of(404);
    /** The JDK's HTTP server refuses some request lines (bad escapes, raw non-ASCII) itself, with 400. */
    private static final Set<Integer> UNKNOWN_OR_UNREADABLE = Set.of(400, 404, 414);
    private static final List<String> ODD_IDS = List.of("..", ".", "%2e%2e", "%2E", "%00", "%zz", "%", "%25",
            "%C3%A9", "%2F", "%2fhealth", "\u00e9", "' OR '1'='1", "<script>", "null", "undefined", "-1", "0",
            "00000000-0000-0000-0000-000000000000", "*", "~", "a;b", "a%20b", "%0d%0aX-Injected:%201");
    private static final List<String> BAD_WAITS = List.of("-1", "21", "abc", "", "1.5", "%zz", "%", "1e1",
            "99999999999999999999", "0x5", "1,2", "1%00");
    private static final List<String> BAD_LIMITS = List.of("0", "1001", "-5", "abc", "", "1.0", "%zz", "1e2",
            "99999999999999999999");

    private final Random random;
    private final MalformedBodies bodies;
    private final Header alice;

    /** @param token a valid bearer token, so that requests reach the functions' own checks */
    MalformedRequests(Random random, String token) {
        this.random = random;
        this.bodies = new MalformedBodies(random);
        this.alice = new Header("Authorization", "Bearer " + token);
    }

    /** At least {@code count} malformed requests of every kind, in random order. */
    List<Case> draw(int count) {
        List<Case> cases = new ArrayList<>();
        int perKind = Math.max(1, count / 7);
        IntStream.range(0, perKind * 3).forEach(index -> cases.add(badJobBody()));
        IntStream.range(0, perKind).forEach(index -> cases.add(badBatch()));
        IntStream.range(0, perKind / 2).forEach(index -> cases.add(badContentType()));
        IntStream.range(0, perKind / 2).forEach(index -> cases.add(oddHeaders()));
        IntStream.range(0, perKind / 2).forEach(index -> cases.add(badToken()));
        IntStream.range(0, perKind).forEach(index -> cases.add(oddPath()));
        cases.addAll(oversized());
        while (cases.size() < count) {
            cases.add(badJobBody());
        }
        Collections.shuffle(cases, random);
        return cases;
    }

    private Case badJobBody() {
        MalformedBodies.Body body = bodies.next();
        Set<Integer> expected = body.bytes().length > MAX_JOB_BODY_BYTES ? Set.of(413) : BAD;
        return new Case(body.kind(), "POST", "/jobs", headers(alice, json()), body.bytes(), expected);
    }

    private Case badBatch() {
        String jsonl = "application/jsonl";
        List<String> lines = new ArrayList<>();
        int good = 1 + random.nextInt(20);
        for (int index = 0; index < good; index++) {
            lines.add(Json.write(Map.of("custom_id", "c-" + index, "prompt", bodies.prompt())));
        }
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                MalformedBodies.Body bad = badLine();
                // With a custom_id of its own, the line is bad for what the body breaks, not for lacking one.
                lines.add(random.nextInt(lines.size() + 1), new String(bad.bytes(), StandardCharsets.ISO_8859_1)
                        .replace("\"prompt\"", "\"custom_id\": \"bad\", \"prompt\""));
                byte[] body = String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
                return new Case("a batch with a bad line: " + bad.kind(), "POST", "/batches",
                        headers(alice, new Header("Content-Type", jsonl)), body, BAD);
            }
            case 2 -> {
                lines.add(random.nextInt(lines.size() + 1), random.nextBoolean()
                        ? Json.write(Map.of("prompt", bodies.prompt()))
                        : Json.write(Map.of("custom_id", "c-0", "prompt", bodies.prompt())));
                return batch("a batch with a missing or repeated custom_id", jsonl, String.join("\r\n", lines));
            }
            case 3 -> {
                return batch("an empty batch", random.nextBoolean() ? jsonl : "application/x-ndjson",
                        pick("", "\n", "\n\n\r\n", "\uFEFF", "   \n\t\n"));
            }
            default -> {
                String requests = "[" + String.join(",", lines) + "]";
                return batch("a malformed JSON batch", "application/json", pick("{\"requests\": \"x\"}",
                        "{\"requests\": {}}", "{\"requests\": []}", "{}", "[]", "null", requests,
                        "{\"requests\": " + requests + ", \"extra\": 1}",
                        "{\"requests\": " + requests + ", \"metadata\": [\"a\"]}",
                        "{\"requests\": " + requests.replace("]", ", {\"custom_id\": \"x\"}]") + "}",
                        "{\"requests\": " + requests + ", \"requests\": []}", "{\"requests\": " + requests));
            }
        }
    }

    /** A malformed body that fits on one line and is not blank (a blank line is skipped, not refused). */
    private MalformedBodies.Body badLine() {
        while (true) {
            MalformedBodies.Body body = bodies.next();
            String text = new String(body.bytes(), StandardCharsets.ISO_8859_1);
            if (!text.isBlank() && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
                return body;
            }
        }
    }

    private Case badContentType() {
        String type = pick("text/plain", "text/html", "application/xml", "application/octet-stream",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/jsonl",
                "application/json-seq", "application/problem+json", "json", "", "*/*", "application/*",
                "text/plain; charset=utf-8", "application/json, text/plain", "\u00e9/\u00e9");
        if (random.nextInt(4) == 0) {
            return new Case("Content-Type given twice", "POST", "/jobs", headers(alice, json(), json()),
                    utf8(bodies.validJob()), Set.of(415));
        }
        return new Case("Content-Type " + type, "POST", "/jobs", headers(alice, new Header("Content-Type", type)),
                utf8(bodies.validJob()), Set.of(415));
    }

    /** A valid job with an {@code Idempotency-Key} that is not one, or junk headers around a bad body. */
    private Case oddHeaders() {
        String visible = visibleAscii(65 + random.nextInt(64));
        String key = switch (random.nextInt(6)) {
            case 0 -> visibleAscii(129 + random.nextInt(random.nextBoolean() ? 200 : 30_000));
            case 1 -> "";
            case 2 -> visible.substring(0, 10) + " " + visible.substring(10);
            case 3 -> visible.substring(0, 10) + "\u00e9\u00ff" + visible.substring(10);
            case 4 -> visible.substring(0, 10) + "\t" + visible.substring(10);
            default -> null;
        };
        if (key == null) {
            return new Case("Idempotency-Key given twice", "POST", "/jobs", headers(alice, json(),
                    new Header("Idempotency-Key", visible), new Header("Idempotency-Key", visibleAscii(65))),
                    utf8(bodies.validJob()), BAD);
        }
        if (random.nextInt(5) == 0) {
            List<Header> junk = new ArrayList<>(List.of(alice, json()));
            IntStream.range(0, 1 + random.nextInt(150)).forEach(index -> junk.add(new Header("X-Junk-" + index,
                    visibleAscii(1 + random.nextInt(2_000)))));
            return new Case("many junk headers around a bad body", "POST", "/jobs", junk,
                    bodies.next().bytes(), BAD);
        }
        return new Case("Idempotency-Key " + RawHttp.abbreviate(key), "POST", "/jobs",
                headers(alice, json(), new Header("Idempotency-Key", key)), utf8(bodies.validJob()), BAD);
    }

    /** A good request in every other respect, without a token the stack knows. */
    private Case badToken() {
        String token = pick("token-mallory", "token-alice-x", "TOKEN-ALICE", "token-alic", "", "null",
                visibleAscii(1 + random.nextInt(5_000)));
        List<Header> authorization = switch (random.nextInt(5)) {
            case 0 -> List.of();
            case 1 -> List.of(new Header("Authorization", "Bearer " + token));
            case 2 -> List.of(new Header("Authorization", "Basic " + token));
            case 3 -> List.of(new Header("Authorization", "Bearer"));
            default -> List.of(new Header("Authorization", "Bearer\t" + token));
        };
        List<Header> headers = new ArrayList<>(authorization);
        headers.add(json());
        String id = UUID.randomUUID().toString();
        String[] route = pick(new String[] {"POST", "/jobs"}, new String[] {"GET", "/jobs/" + id},
                new String[] {"DELETE", "/jobs/" + id}, new String[] {"POST", "/batches"},
                new String[] {"GET", "/batches/" + id}, new String[] {"GET", "/batches/" + id + "/results"},
                new String[] {"DELETE", "/batches/" + id});
        byte[] body = route[1].equals("/batches")
                ? utf8("{\"requests\": [{\"custom_id\": \"a\", \"prompt\": \"hi\"}]}")
                : utf8(bodies.validJob());
        return new Case("a missing or bad token", route[0], route[1], headers, body, Set.of(401));
    }

    private Case oddPath() {
        String id = pick(ODD_IDS.toArray(String[]::new));
        String uuid = UUID.randomUUID().toString();
        return switch (random.nextInt(8)) {
            case 0 -> read("an odd job id", pick("GET", "DELETE"), "/jobs/" + id, UNKNOWN_OR_UNREADABLE);
            case 1 -> read("an odd batch id", pick("GET", "DELETE"), "/batches/" + id, UNKNOWN_OR_UNREADABLE);
            case 2 -> read("an odd id under results", "GET", "/batches/" + id + "/results", UNKNOWN_OR_UNREADABLE);
            case 3 -> read("a very long id", pick("GET", "DELETE"), pick("/jobs/", "/batches/")
                    + visibleAlphanumeric(100 + random.nextInt(random.nextBoolean() ? 1_000 : 60_000)),
                    UNKNOWN_OR_UNREADABLE);
            case 4 -> read("a bad wait", "GET", "/jobs/" + uuid + "?wait=" + pick(BAD_WAITS.toArray(String[]::new)),
                    Set.of(400));
            case 5 -> read("a bad limit", "GET", "/batches/" + uuid + "/results?limit="
                    + pick(BAD_LIMITS.toArray(String[]::new)), Set.of(400));
            case 6 -> read("a cursor of no batch", "GET", "/batches/" + uuid + "/results?cursor="
                    + pick("%zz", "djE6", "x", visibleAlphanumeric(500)), Set.of(400, 404));
            default -> new Case("a path next to a route", pick("POST", "PUT", "PATCH", "FOO"),
                    pick("/jobs/", "//jobs", "/JOBS", "/jobs/x/y", "/jobs;x", "/jobs%2F", "/batches/../jobs",
                            "/jobs/../jobs", "/./jobs", "/jobs/.", "/health/../jobs", "/%6Aobs"),
                    headers(alice, json()), utf8(bodies.validJob()), UNKNOWN_OR_UNREADABLE);
        };
    }

    /** Bodies over the limits: of a job, of a batch (bytes and lines), of the HTTP API. */
    private List<Case> oversized() {
        String prompt = "p".repeat(MAX_JOB_BODY_BYTES + random.nextInt(50_000));
        StringBuilder lines = new StringBuilder();
        IntStream.rangeClosed(0, 10_000).forEach(index -> lines.append(Json.write(Map.of("custom_id", "c-" + index,
                "prompt", "hi"))).append('\n'));
        String line = Json.write(Map.of("custom_id", "c", "prompt", "p".repeat(7_000))) + "\n";
        byte[] bigBatch = utf8(line.repeat(MAX_BATCH_BYTES / line.length() + 2));
        byte[] overApi = new byte[MAX_API_BYTES + 1 + random.nextInt(1_000)];
        Arrays.fill(overApi, (byte) ' ');
        return List.of(
                new Case("a job body over 256 KiB", "POST", "/jobs", headers(alice, json()),
                        utf8(Json.write(Map.of("prompt", prompt))), Set.of(413)),
                batch("a batch of 10,001 requests", "application/jsonl", lines.toString(), Set.of(413)),
                batch("a batch over 5 MiB", "application/x-ndjson", bigBatch, Set.of(413)),
                new Case("a body over the HTTP API's 10 MB", "POST", pick("/jobs", "/batches"),
                        headers(alice, json()), overApi, Set.of(413)));
    }

    private Case read(String name, String method, String target, Set<Integer> expected) {
        return new Case(name, method, target, List.of(alice), new byte[0], expected);
    }

    private Case batch(String name, String contentType, String body) {
        return batch(name, contentType, body, BAD);
    }

    private Case batch(String name, String contentType, String body, Set<Integer> expected) {
        return batch(name, contentType, utf8(body), expected);
    }

    private Case batch(String name, String contentType, byte[] body, Set<Integer> expected) {
        return new Case(name, "POST", "/batches", headers(alice, new Header("Content-Type", contentType)), body,
                expected);
    }

    private static List<Header> headers(Header... headers) {
        return List.of(headers);
    }

    private static Header json() {
        return new Header("Content-Type", "application/json");
    }

    private String visibleAscii(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append((char) (0x21 + random.nextInt(0x7E - 0x21 + 1)));
        }
        return text.toString();
    }

    private String visibleAlphanumeric(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-";
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
