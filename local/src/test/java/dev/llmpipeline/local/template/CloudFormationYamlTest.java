package dev.llmpipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudFormationYamlTest {

    @Test
    void turnsEveryShortFormTagIntoItsLongForm() {
        Map<String, Object> parsed = CloudFormationYaml.parse("""
                ref: !Ref Bucket
                getAttShort: !GetAtt Queue.Arn
                getAttNested: !GetAtt Stack.Outputs.Url
                getAttList: !GetAtt [Queue, QueueName]
                sub: !Sub "arn:${AWS::Partition}:s3:::${Bucket}"
                subWithVariables: !Sub ["${A}-x", {A: !Ref Name}]
                join: !Join ["-", [a, !Ref Name]]
                if: !If [IsProd, 1, 2]
                select: !Select [0, !Split [",", !Ref List]]
                equals: !Equals [!Ref Env, prod]
                not: !Not [!Condition IsProd]
                and: !And [!Condition A, !Condition B]
                or: !Or [!Condition A, !Condition B]
                findInMap: !FindInMap [Map, Key, Value]
                importValue: !ImportValue Shared
                getAZs: !GetAZs ""
                base64: !Base64 text
                """, "test.yaml");

        assertThat(parsed).containsEntry("ref", Map.of("Ref", "Bucket"))
                .containsEntry("getAttShort", Map.of("Fn::GetAtt", List.of("Queue", "Arn")))
                .containsEntry("getAttNested", Map.of("Fn::GetAtt", List.of("Stack", "Outputs.Url")))
                .containsEntry("getAttList", Map.of("Fn::GetAtt", List.of("Queue", "QueueName")))
                .containsEntry("sub", Map.of("Fn::Sub", "arn:${AWS::Partition}:s3:::${Bucket}"))
                .containsEntry("subWithVariables",
                        Map.of("Fn::Sub", List.of("${A}-x", Map.of("A", Map.of("Ref", "Name")))))
                .containsEntry("join", Map.of("Fn::Join", List.of("-", List.of("a", Map.of("Ref", "Name")))))
                .containsEntry("if", Map.of("Fn::If", List.of("IsProd", 1, 2)))
                .containsEntry("select",
                        Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", Map.of("Ref", "List"))))))
                .containsEntry("equals", Map.of("Fn::Equals", List.of(Map.of("Ref", "Env"), "prod")))
                .containsEntry("not", Map.of("Fn::Not", List.of(Map.of("Condition", "IsProd"))))
                .containsEntry("and", Map.of("Fn::And", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))))
                .containsEntry("or", Map.of("Fn::Or", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))))
                .containsEntry("findInMap", Map.of("Fn::FindInMap", List.of("Map", "Key", "Value")))
                .containsEntry("importValue", Map.of("Fn::ImportValue", "Shared"))
                .containsEntry("getAZs", Map.of("Fn::GetAZs", ""))
                .containsEntry("base64", Map.of("Fn::Base64", "text"));
    }

    @Test
    void readsDatesAsTextAsCloudFormationDoes() {
        assertThat(CloudFormationYaml.parse("Version: 2012-10-17", "test.yaml")).containsEntry("Version", "2012-10-17");
    }

    @Test
    void returnsAnUnmodifiableDocument() {
        Map<String, Object> parsed = CloudFormationYaml.parse("a: [1, 2]", "test.yaml");

        assertThatThrownBy(() -> parsed.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) parsed.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsAnUnknownTagNamingItAndItsLine(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("template.yaml");
        Files.writeString(file, "Resources:\n  Queue:\n    Type: !Bogus AWS::SQS::Queue\n");

        assertThatThrownBy(() -> SamTemplate.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown tag !Bogus at line 3, column 11")
                .hasMessageContaining("!GetAtt");
    }

    @Test
    void rejectsARefToAnythingButAName() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("a: !Ref [X, Y]", "test.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("!Ref takes a name");
    }

    @Test
    void rejectsAGetAttWithoutAnAttribute() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("a: !GetAtt Queue", "test.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected Resource.Attribute");
    }

    @Test
    void rejectsDuplicateKeysInsteadOfKeepingTheLast() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("Timeout: 3\nTimeout: 60\n", "test.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("Timeout");
    }

    @Test
    void rejectsADocumentThatIsNotAMapping() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("- a\n- b\n", "test.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a mapping at the top level");
    }
}
