package dev.llmpipeline.local.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCheckerTest {
    private static final String DOCUMENT = """
            {"components": {"schemas": {
              "Thing": {"type": "object", "additionalProperties": false, "required": ["id", "status", "when"],
                "properties": {
                  "id": {"type": "string", "format": "uuid"},
                  "status": {"type": "string", "enum": ["queued", "done"]},
                  "when": {"type": "string", "format": "date-time", "nullable": true},
                  "count": {"type": "integer", "minimum": 1, "maximum": 10},
                  "name": {"type": "string", "minLength": 1, "maxLength": 3, "pattern": "^[a-z]+$"},
                  "tags": {"type": "array", "maxItems": 2, "items": {"type": "string"}},
                  "labels": {"type": "object", "maxProperties": 1, "additionalProperties": {"type": "string"}}}},
              "Field": {"type": "object", "additionalProperties": false, "required": ["field"],
                "properties": {"field": {"type": "string"}}},
              "Line": {"type": "object", "additionalProperties": false, "required": ["line"],
                "properties": {"line": {"type": "integer"}}},
              "Detail": {"oneOf": [{"$ref": "#/components/schemas/Field"}, {"$ref": "#/components/schemas/Line"}]}
            }}}""";
    private static final String THING = "{\"$ref\": \"#/components/schemas/Thing\"}";
    private static final String VALID = """
            {"id": "5b0c6c5e-0a4e-4a57-9d8e-2f1f3c0b9a11", "status": "queued", "when": "2026-01-02T03:04:05.678Z",
             "count": 3, "name": "abc", "tags": ["x"], "labels": {"team": "docs"}}""";

    private final SchemaChecker checker = new SchemaChecker(parse(DOCUMENT));

    @Test
    void acceptsAValueThatConforms() {
        assertThat(violations(THING, VALID)).isEmpty();
        assertThat(violations(THING, VALID.replace("\"2026-01-02T03:04:05.678Z\"", "null"))).isEmpty();
    }

    @Test
    void reportsAMissingRequiredPropertyAndOneTheSchemaDoesNotDeclare() {
        assertThat(violations(THING, VALID.replace("\"status\": \"queued\",", "\"statuz\": \"queued\",")))
                .containsExactlyInAnyOrder("$: required property 'status' is missing",
                        "$.statuz: property not allowed by the schema");
    }

    @Test
    void reportsNullWhereTheSchemaDoesNotAllowIt() {
        assertThat(violations(THING, VALID.replace("\"queued\"", "null")))
                .containsExactly("$.status: is null, which the schema does not allow");
    }

    @Test
    void reportsWrongTypesWithoutCoercing() {
        assertThat(violations(THING, VALID.replace("\"count\": 3", "\"count\": 3.0"))).hasSize(1)
                .allMatch(violation -> violation.startsWith("$.count: expected integer"));
        assertThat(violations(THING, VALID.replace("\"count\": 3", "\"count\": \"3\""))).hasSize(1);
        assertThat(violations(THING, "[]")).containsExactly("$: expected object, was array []");
    }

    @Test
    void reportsAValueOutsideTheEnum() {
        assertThat(violations(THING, VALID.replace("\"queued\"", "\"QUEUED\""))).hasSize(1)
                .allMatch(violation -> violation.startsWith("$.status: \"QUEUED\" is not one of"));
    }

    @Test
    void checksTheUuidAndDateTimeFormats() {
        assertThat(violations(THING, VALID.replace("5b0c6c5e-0a4e", "5b0c6c5e0a4e"))).hasSize(1);
        assertThat(violations(THING, VALID.replace("2026-01-02T03:04:05.678Z", "2026-01-02 03:04:05"))).hasSize(1);
        assertThat(violations(THING, VALID.replace("2026-01-02T03:04:05.678Z", "2026-13-02T03:04:05Z"))).hasSize(1);
        assertThat(violations(THING, VALID.replace("05.678Z", "05+01:00"))).isEmpty();
    }

    @Test
    void checksLengthsPatternsRangesAndSizes() {
        assertThat(violations(THING, VALID.replace("\"count\": 3", "\"count\": 11"))).hasSize(1);
        assertThat(violations(THING, VALID.replace("\"count\": 3", "\"count\": 0"))).hasSize(1);
        assertThat(violations(THING, VALID.replace("\"abc\"", "\"abcd\""))).hasSize(1);
        assertThat(violations(THING, VALID.replace("\"abc\"", "\"\""))).hasSize(2); // too short, and no letter
        assertThat(violations(THING, VALID.replace("\"abc\"", "\"ab1\""))).hasSize(1);
        assertThat(violations(THING, VALID.replace("[\"x\"]", "[\"x\", \"y\", \"z\"]"))).hasSize(1);
        assertThat(violations(THING, VALID.replace("{\"team\": \"docs\"}", "{\"a\": \"1\", \"b\": \"2\"}")))
                .hasSize(1);
    }

    @Test
    void checksItemsAndAdditionalPropertiesAgainstTheirSchemas() {
        assertThat(violations(THING, VALID.replace("[\"x\"]", "[\"x\", 2]")))
                .containsExactly("$.tags[1]: expected string, was number 2");
        assertThat(violations(THING, VALID.replace("{\"team\": \"docs\"}", "{\"team\": 7}")))
                .containsExactly("$.labels.team: expected string, was number 7");
    }

    @Test
    void requiresExactlyOneBranchOfAOneOf() {
        String detail = "{\"$ref\": \"#/components/schemas/Detail\"}";

        assertThat(violations(detail, "{\"field\": \"prompt\"}")).isEmpty();
        assertThat(violations(detail, "{\"line\": 2}")).isEmpty();
        assertThat(violations(detail, "{\"field\": \"prompt\", \"line\": 2}")).hasSize(1)
                .allMatch(violation -> violation.startsWith("$: matches 0 of the 2 oneOf schemas"));
        String either = "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"string\", \"maxLength\": 5}]}";
        assertThat(violations(either, "\"abc\"")).containsExactly("$: matches 2 of the 2 oneOf schemas");
    }

    @Test
    void refusesSchemasItDoesNotUnderstand() {
        assertThatThrownBy(() -> checker.requireWellFormed(parse("{\"type\": \"string\", \"const\": \"a\"}"), "s"))
                .hasMessageContaining("'const'");
        assertThatThrownBy(() -> checker.requireWellFormed(
                parse("{\"$ref\": \"#/components/schemas/Line\", \"nullable\": true}"), "s"))
                .hasMessageContaining("$ref");
        assertThatThrownBy(() -> checker.requireWellFormed(parse("{\"type\": \"object\", \"properties\": {}}"), "s"))
                .hasMessageContaining("other properties");
        assertThatThrownBy(() -> checker.requireWellFormed(
                parse("{\"type\": \"string\", \"format\": \"email\"}"), "s")).hasMessageContaining("email");
        assertThatThrownBy(() -> checker.requireWellFormed(parse("{\"type\": \"object\","
                + " \"additionalProperties\": false, \"required\": [\"a\"]}"), "s")).hasMessageContaining("'a'");
        assertThatThrownBy(() -> checker.requireWellFormed(parse("{\"$ref\": \"#/components/schemas/None\"}"), "s"))
                .hasMessageContaining("unresolved");
        assertThatThrownBy(() -> checker.violations(parse("{\"description\": \"no type\"}"), parse("1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> violations(String schema, String value) {
        return checker.violations(parse(schema), parse(value));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
