package dev.llmpipeline.local.security;

import dev.llmpipeline.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Job request bodies that break the rules of {@code POST /jobs} by construction, drawn from a seeded {@link Random}:
 * not JSON, wrong types, oversized strings, deep nesting, nulls, unknown fields, bytes that are not UTF-8, empty
 * bodies, numbers no integer holds, keys given twice. Each is invalid whatever the draw, so that none may be
 * accepted. Not thread-safe (the {@link Random} is not meant to be shared).
 */
final class MalformedBodies {
    /** A drawn body and what it is. */
    record Body(String kind, byte[] bytes) {
        static Body of(String kind, String text) {
            return new Body(kind, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final Set<String> KNOWN_FIELDS = Set.of("prompt", "max_new_tokens", "custom_id", "metadata",
            "do_sample");
    private static final List<String> SAMPLING = List.of("temperature", "top_p", "top_k", "num_beams", "typical_p",
            "repetition_penalty", "num_return_sequences", "seed");
    private static final List<String> NOT_JSON = List.of("prompt=hi&max_new_tokens=5",
            "<job><prompt>hi</prompt></job>", "{'prompt': 'single quotes'}", "{prompt: \"bare key\"}",
            "// a comment\n{\"prompt\": \"hi\"}", "{\"prompt\": \"trailing comma\",}", "{\"prompt\" \"no colon\"}",
            "NaN", "undefined", "{\"prompt\": \"a\nnew line\"}", "{\"prompt\": \"tab\tinside\"}",
            "{\"prompt\": \"\u0001control\"}", "{\"prompt\": \"bad escape \\q\"}", "{\"prompt\": \"\\u12\"}");
    private static final List<String> NOT_INTEGERS = List.of("1e400", "1.5e99999999999999999999",
            "-1.5e-99999999999999999999", "NaN", "Infinity", "-Infinity", "0x10", "1_000", "+5", ".5", "5.",
            "1e3", "-0.0", "12.0", "513", "0", "-1", "2147483648", "99999999999999999999999");
    private static final List<byte[]> NOT_UTF8 = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xE9});

    private final Random random;
    private final List<Function<Random, Body>> generators = List.of(
            this::notJson, this::wrongType, this::oversizedString, this::deepNesting, this::nulls,
            this::unknownFields, this::notUtf8, this::emptyish, this::notAnInteger, this::keyGivenTwice,
            this::trailingData);

    MalformedBodies(Random random) {
        this.random = random;
    }

    /** A malformed body of a randomly chosen kind. */
    Body next() {
        return generators.get(random.nextInt(generators.size())).apply(random);
    }

    /** A prompt that is valid on its own: printable ASCII, not blank. */
    String prompt() {
        StringBuilder prompt = new StringBuilder("Fuzz ");
        int length = 5 + random.nextInt(60);
        while (prompt.length() < length) {
            prompt.append((char) (0x21 + random.nextInt(0x7E - 0x21 + 1)));
        }
        return prompt.toString();
    }

    /** A valid job body: what the other parts of a malformed request travel with. */
    String validJob() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", prompt());
        if (random.nextBoolean()) {
            body.put("max_new_tokens", 1 + random.nextInt(512));
        }
        return Json.write(body);
    }

    private Body notJson(Random random) {
        if (random.nextBoolean()) {
            String valid = validJob();
            return Body.of("a truncated body", valid.substring(0, random.nextInt(valid.length() - 1)));
        }
        return Body.of("not JSON", NOT_JSON.get(random.nextInt(NOT_JSON.size())));
    }

    private Body wrongType(Random random) {
        List<Map.Entry<String, String>> wrong = List.of(
                Map.entry("prompt", pick(random, "42", "-1", "3.5", "true", "false", "[]", "{}", "[\"a\"]",
                        "{\"text\": \"a\"}")),
                Map.entry("max_new_tokens", pick(random, "\"12\"", "3.5", "true", "[]", "{}", "[12]", "-1", "0")),
                Map.entry("custom_id", pick(random, "17", "true", "[]", "{}", "[\"c\"]", "\"\"")),
                Map.entry("metadata", pick(random, "7", "\"team\"", "[]", "true", "{\"a\": 1}", "{\"a\": {}}",
                        "{\"a\": [\"b\"]}", "{\"\": \"empty key\"}")),
                Map.entry("do_sample", pick(random, "\"false\"", "0", "1", "[]", "true", "{}")));
        Map.Entry<String, String> field = wrong.get(random.nextInt(wrong.size()));
        String prompt = field.getKey().equals("prompt") ? field.getValue() : Json.write(prompt());
        String extra = field.getKey().equals("prompt") ? "" : ", \"" + field.getKey() + "\": " + field.getValue();
        return Body.of("a wrong type for " + field.getKey(), "{\"prompt\": " + prompt + extra + "}");
    }

    private Body oversizedString(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Body.of("a prompt over 8,000 characters",
                    Json.write(Map.of("prompt", "p".repeat(8_001 + random.nextInt(60_000)))));
            case 1 -> Body.of("a custom_id over 64 characters", Json.write(Map.of("prompt", prompt(),
                    "custom_id", "c".repeat(65 + random.nextInt(5_000)))));
            case 2 -> Body.of("a metadata value over 512 characters", Json.write(Map.of("prompt", prompt(),
                    "metadata", Map.of("note", "v".repeat(513 + random.nextInt(20_000))))));
            default -> Body.of("a metadata key over 64 characters", Json.write(Map.of("prompt", prompt(),
                    "metadata", Map.of("k".repeat(65 + random.nextInt(2_000)), "v"))));
        };
    }

    private Body deepNesting(Random random) {
        int depth = 2 + random.nextInt(3_000);
        String arrays = "[".repeat(depth) + "\"x\"" + "]".repeat(depth);
        String objects = "{\"a\": ".repeat(depth) + "\"x\"" + "}".repeat(depth);
        return switch (random.nextInt(4)) {
            case 0 -> Body.of("a prompt nested " + depth + " deep", "{\"prompt\": " + arrays + "}");
            case 1 -> Body.of("metadata nested " + depth + " deep",
                    "{\"prompt\": " + Json.write(prompt()) + ", \"metadata\": " + objects + "}");
            case 2 -> Body.of("max_new_tokens nested " + depth + " deep",
                    "{\"prompt\": " + Json.write(prompt()) + ", \"max_new_tokens\": " + arrays + "}");
            default -> Body.of("a body nested " + depth + " deep", arrays);
        };
    }

    private Body nulls(Random random) {
        String prompt = Json.write(prompt());
        return Body.of("nulls", pick(random, "null", "{\"prompt\": null}", "[null]", "{\"prompt\": [null]}",
                "{\"prompt\": " + prompt + ", \"metadata\": {\"k\": null}}",
                "{\"prompt\": " + prompt + ", \"do_sample\": null}",
                "{\"prompt\": " + prompt + ", \"temperature\": null}",
                "{\"prompt\": " + prompt + ", \"max_tokens\": null}", "{\"prompt\": null, \"custom_id\": null}"));
    }

    private Body unknownFields(Random random) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", prompt());
        switch (random.nextInt(3)) {
            case 0 -> body.put(SAMPLING.get(random.nextInt(SAMPLING.size())), random.nextDouble());
            case 1 -> body.put("do_sample", true);
            default -> {
                String name;
                do {
                    name = randomName(random);
                } while (KNOWN_FIELDS.contains(name));
                body.put(name, random.nextBoolean() ? random.nextInt() : name);
            }
        }
        return Body.of("an unknown or sampling field", Json.write(body));
    }

    private Body notUtf8(Random random) {
        String valid = "{\"prompt\": \"" + prompt().replace("\"", "").replace("\\", "") + "\"}";
        int cut = 13 + random.nextInt(valid.length() - 15); // inside the prompt's quotes
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(valid.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(NOT_UTF8.get(random.nextInt(NOT_UTF8.size())));
        body.writeBytes(valid.substring(cut).getBytes(StandardCharsets.UTF_8));
        return new Body("bytes that are not UTF-8", body.toByteArray());
    }

    private Body emptyish(Random random) {
        return Body.of("an empty body", pick(random, "", " ", "\n\t\r\n", "{}", "[]", "\"\"", "0", "\"prompt\""));
    }

    private Body notAnInteger(Random random) {
        String number = random.nextInt(5) == 0 ? "9".repeat(1_001 + random.nextInt(5_000))
                : NOT_INTEGERS.get(random.nextInt(NOT_INTEGERS.size()));
        return Body.of("max_new_tokens " + RawHttp.abbreviate(number),
                "{\"prompt\": " + Json.write(prompt()) + ", \"max_new_tokens\": " + number + "}");
    }

    private Body keyGivenTwice(Random random) {
        String prompt = Json.write(prompt());
        return Body.of("a key given twice", random.nextBoolean()
                ? "{\"prompt\": " + prompt + ", \"prompt\": " + prompt + "}"
                : "{\"prompt\": " + prompt + ", \"metadata\": {\"k\": \"1\", \"k\": \"1\"}}");
    }

    private Body trailingData(Random random) {
        return Body.of("data after the body", validJob() + pick(random, " x", "{}", "]", "\u0000", " null",
                validJob()));
    }

    private static String randomName(Random random) {
        StringBuilder name = new StringBuilder();
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 5_000 : 20);
        while (name.length() < length) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
