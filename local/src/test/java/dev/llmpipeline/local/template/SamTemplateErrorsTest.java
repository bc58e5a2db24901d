package dev.llmpipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reader says when the template lacks something the local stack needs. */
class SamTemplateErrorsTest {

    private static final String TEMPLATE = """
            Parameters:
              BatchSize:
                Type: Number
                Default: 10
                MinValue: 1
                MaxValue: 100
              Mode:
                Type: String
                Default: fast
                AllowedValues: [fast, slow]
              Issuer:
                Type: String
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions:
                    - {AttributeName: pk, AttributeType: S}
                  KeySchema:
                    - {AttributeName: id, KeyType: HASH}
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: worker.jar
                  Environment:
                    Variables:
                      ISSUER: !Ref Issuer
                      NAME: !Sub "${Mode}-${AWS::Region}"
                  Events:
                    Jobs:
                      Type: SQS
                      Properties:
                        Queue: !Ref Queue
                        BatchSize: !Ref BatchSize
            """;

    private final SamTemplate template = SamTemplate.parse(TEMPLATE, "test.yaml");

    @Test
    void namesAMissingResource() {
        assertThatThrownBy(() -> template.queue("JobsQueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no resource JobsQueue in the template's Resources");
        assertThatThrownBy(() -> template.function("Submit"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Submit");
    }

    @Test
    void namesAResourceOfTheWrongType() {
        assertThatThrownBy(() -> template.table("Queue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Resources.Queue is a AWS::SQS::Queue, not an AWS::DynamoDB::Table");
    }

    @Test
    void namesAMissingFunctionProperty() {
        assertThatThrownBy(template::functions)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Resources.Worker.Properties.Handler is missing");
    }

    @Test
    void namesAParameterWithoutValue() {
        SamTemplate withHandler = SamTemplate.parse(TEMPLATE.replace("CodeUri: worker.jar",
                "CodeUri: worker.jar\n      Handler: a.B::handleRequest"), "test.yaml");

        assertThatThrownBy(withHandler::functions)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Resources.Worker.Properties.Environment.Variables.ISSUER")
                .hasMessageContaining("parameter Issuer has no Default");
    }

    @Test
    void resolvesParametersOnceTheyHaveValues() {
        SamTemplate resolved = SamTemplate.parse(TEMPLATE.replace("Queue: !Ref Queue", "Queue: !GetAtt Queue.Arn")
                .replace("CodeUri: worker.jar", "CodeUri: worker.jar\n      Handler: a.B::handleRequest"), "test.yaml")
                .withParameters(Map.of("Issuer", "https://issuer.example", "BatchSize", "42"));

        FunctionSpec worker = resolved.function("Worker");
        assertThat(worker.environment()).containsEntry("ISSUER", "https://issuer.example")
                .containsEntry("NAME", Map.of("Fn::Sub", "${Mode}-${AWS::Region}"));
        assertThat(worker.sqsEvent().orElseThrow().batchSize()).isEqualTo(42);
        assertThat(worker.timeoutSeconds()).isEqualTo(3);
    }

    @Test
    void requiresTheSqsQueueAsTheArnOfAQueueInTheTemplate() {
        SamTemplate withHandler = SamTemplate.parse(TEMPLATE.replace("CodeUri: worker.jar",
                "CodeUri: worker.jar\n      Handler: a.B::handleRequest"), "test.yaml")
                .withParameters(Map.of("Issuer", "https://issuer.example"));

        assertThatThrownBy(withHandler::functions)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Resources.Worker.Properties.Events.Jobs.Properties.Queue")
                .hasMessageContaining("expected !GetAtt <LogicalId>.Arn");
    }

    @Test
    void namesAKeyAttributeWithoutDefinition() {
        assertThatThrownBy(() -> template.table("Table"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Resources.Table.Properties.KeySchema[0]")
                .hasMessageContaining("attribute id has no AttributeDefinitions entry");
    }

    @Test
    void rejectsOverridesThatCloudFormationWouldReject() {
        assertThatThrownBy(() -> template.withParameters(Map.of("BatchSiz", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Parameter BatchSiz is not declared");
        assertThatThrownBy(() -> template.withParameters(Map.of("BatchSize", "500")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parameter BatchSize = '500' is above its MaxValue 100");
        assertThatThrownBy(() -> template.withParameters(Map.of("BatchSize", "many")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parameter BatchSize = 'many' is not a number");
        assertThatThrownBy(() -> template.withParameters(Map.of("Mode", "medium")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parameter Mode = 'medium' is not one of its AllowedValues [fast, slow]");
    }

    @Test
    void namesAMissingHttpApi() {
        assertThatThrownBy(template::httpApi)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected one AWS::Serverless::HttpApi in Resources, found 0");
    }

    @Test
    void namesAMissingTemplateFile(@TempDir Path directory) {
        assertThatThrownBy(() -> SamTemplate.load(directory.resolve("template.yaml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no template at");
    }
}
