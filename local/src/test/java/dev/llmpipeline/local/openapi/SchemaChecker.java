package dev.llmpipeline.local.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict checker for the subset of OpenAPI 3.0 schemas that {@code openapi.yaml} uses: {@code type},
 * {@code properties}, {@code required}, {@code additionalProperties}, {@code enum}, {@code nullable}, {@code items},
 * {@code oneOf}, {@code format} ({@code uuid}, {@code date-time}), the length, range and size bounds,
 * {@code pattern} and local {@code $ref}s. A schema that uses anything else is refused rather than half-checked, so
 * the spec cannot promise what the test does not hold the implementation to. Immutable and thread-safe.
 */
final class SchemaChecker {
    private static final Set<String> VALIDATING = Set.of("type", "properties", "required", "additionalProperties",
            "enum", "nullable", "items", "oneOf", "format", "minLength", "maxLength", "pattern", "minimum", "maximum",
            "minItems", "maxItems", "maxProperties", "$ref");
    private static final Set<String> ANNOTATING = Set.of("description", "default", "example", "title");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean");
    private static final Set<String> FORMATS = Set.of("uuid", "date-time");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** RFC 3339 {@code date-time}, the format OpenAPI names. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private final JsonNode document;

    /** @param document the whole OpenAPI document, against which {@code $ref}s resolve */
    SchemaChecker(JsonNode document) {
        this.document = document;
    }

    /**
     * Everything about {@code value} that breaks {@code schema}, each as {@code "$.path: what"}; empty when it
     * conforms.
     *
     * @throws IllegalArgumentException if the schema is not one this checker understands
     */
    List<String> violations(JsonNode schema, JsonNode value) {
        List<String> violations = new ArrayList<>();
        check(schema, value, "$", violations);
        return violations;
    }

    /**
     * Checks that a schema and everything under it use only what this checker understands, in the way OpenAPI 3.0
     * means it: a {@code $ref} stands alone, every schema says what it is, every object says whether it takes
     * other properties, and every required property is declared.
     *
     * @throws IllegalArgumentException naming the first problem and where it is
     */
    void requireWellFormed(JsonNode schema, String where) {
        if (!schema.isObject()) {
            throw new IllegalArgumentException(where + ": a schema must be an object");
        }
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!VALIDATING.contains(name) && !ANNOTATING.contains(name)) {
                throw new IllegalArgumentException(where + ": keyword '" + name + "' is not supported by the checker");
            }
        }
        if (schema.has("$ref")) {
            if (schema.size() != 1) {
                throw new IllegalArgumentException(where + ": OpenAPI 3.0 ignores what stands beside a $ref");
            }
            resolve(schema.get("$ref").asText());
            return;
        }
        if (schema.has("oneOf")) {
            int index = 0;
            for (JsonNode branch : schema.get("oneOf")) {
                requireWellFormed(branch, where + ".oneOf[" + index++ + "]");
            }
            return;
        }
        String type = schema.path("type").asText();
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(where + ": type '" + type + "' is not one of " + TYPES);
        }
        if (schema.has("format") && !(type.equals("string") && FORMATS.contains(schema.get("format").asText()))) {
            throw new IllegalArgumentException(where + ": format '" + schema.get("format").asText()
                    + "' is not supported on a " + type);
        }
        if (type.equals("object")) {
            if (!schema.has("additionalProperties")) {
                throw new IllegalArgumentException(where + ": an object must say whether it takes other properties");
            }
            for (JsonNode required : schema.path("required")) {
                if (!schema.path("properties").has(required.asText())) {
                    throw new IllegalArgumentException(where + ": required '" + required.asText()
                            + "' is not among its properties");
                }
            }
            schema.path("properties").properties().forEach(property ->
                    requireWellFormed(property.getValue(), where + "." + property.getKey()));
            if (schema.get("additionalProperties").isObject()) {
                requireWellFormed(schema.get("additionalProperties"), where + ".*");
            }
        }
        if (type.equals("array")) {
            if (!schema.has("items")) {
                throw new IllegalArgumentException(where + ": an array must say what its items are");
            }
            requireWellFormed(schema.get("items"), where + "[]");
        }
    }

    /** The node a local reference such as {@code #/components/schemas/Job} points at. */
    JsonNode resolve(String reference) {
        if (!reference.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported: " + reference);
        }
        JsonNode target = document.at(reference.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("unresolved reference " + reference);
        }
        return target;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> violations) {
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, path, violations);
            return;
        }
        if (schema.has("oneOf")) {
            checkOneOf(schema.get("oneOf"), value, path, violations);
            return;
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                violations.add(path + ": is null, which the schema does not allow");
            }
            return;
        }
        if (!hasType(value, schema.path("type").asText())) {
            violations.add(path + ": expected " + schema.path("type").asText() + ", was " + describe(value));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            violations.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isTextual()) {
            checkString(schema, value.textValue(), path, violations);
        } else if (value.isNumber()) {
            checkNumber(schema, value, path, violations);
        } else if (value.isArray()) {
            checkArray(schema, value, path, violations);
        } else if (value.isObject()) {
            checkObject(schema, value, path, violations);
        }
    }

    private void checkOneOf(JsonNode branches, JsonNode value, String path, List<String> violations) {
        List<List<String>> failures = new ArrayList<>();
        int matches = 0;
        for (JsonNode branch : branches) {
            List<String> branchViolations = new ArrayList<>();
            check(branch, value, path, branchViolations);
            if (branchViolations.isEmpty()) {
                matches++;
            } else {
                failures.add(branchViolations);
            }
        }
        if (matches != 1) {
            violations.add(path + ": matches " + matches + " of the " + branches.size() + " oneOf schemas"
                    + (matches == 0 ? " " + failures : ""));
        }
    }

    private static void checkString(JsonNode schema, String text, String path, List<String> violations) {
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            violations.add(path + ": shorter than " + schema.get("minLength").asInt() + " characters");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            violations.add(path + ": longer than " + schema.get("maxLength").asInt() + " characters");
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            violations.add(path + ": '" + text + "' does not match " + schema.get("pattern").asText());
        }
        String format = schema.path("format").asText("");
        if (format.equals("uuid") && !UUID.matcher(text).matches()) {
            violations.add(path + ": '" + text + "' is not a uuid");
        }
        if (format.equals("date-time") && !isDateTime(text)) {
            violations.add(path + ": '" + text + "' is not an RFC 3339 date-time");
        }
    }

    private static void checkNumber(JsonNode schema, JsonNode value, String path, List<String> violations) {
        if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
            violations.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
            violations.add(path + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
    }

    private void checkArray(JsonNode schema, JsonNode value, String path, List<String> violations) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            violations.add(path + ": fewer than " + schema.get("minItems").asInt() + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            violations.add(path + ": more than " + schema.get("maxItems").asInt() + " items");
        }
        for (int index = 0; index < value.size(); index++) {
            check(schema.get("items"), value.get(index), path + "[" + index + "]", violations);
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path, List<String> violations) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                violations.add(path + ": required property '" + required.asText() + "' is missing");
            }
        }
        if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
            violations.add(path + ": more than " + schema.get("maxProperties").asInt() + " properties");
        }
        JsonNode additional = schema.path("additionalProperties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String fieldPath = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), fieldPath, violations);
            } else if (additional.isObject()) {
                check(additional, field.getValue(), fieldPath, violations);
            } else if (additional.isBoolean() && !additional.booleanValue()) {
                violations.add(fieldPath + ": property not allowed by the schema");
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalArgumentException("type '" + type + "' is not supported by the checker");
        };
    }

    private static boolean contains(JsonNode allowed, JsonNode value) {
        for (JsonNode candidate : allowed) {
            boolean sameNumber = candidate.isNumber() && value.isNumber()
                    && candidate.decimalValue().compareTo(value.decimalValue()) == 0;
            if (sameNumber || candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDateTime(String text) {
        if (!DATE_TIME.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String describe(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(value.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
