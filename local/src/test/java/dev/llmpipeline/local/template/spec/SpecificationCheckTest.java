package dev.llmpipeline.local.template.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.template.TemplateYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecificationCheckTest {

    private final SpecificationCheck check = new SpecificationCheck(ResourceSpecification.installed());

    private List<String> problemsOf(String yaml) {
        return check.check(TemplateYaml.parse(yaml));
    }

    @Test
    void acceptsAValidResourceWithIntrinsicsForValues() {
        assertThat(problemsOf("""
                Parameters: {Timeout: {Type: Number, Default: 30}}
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties: {VisibilityTimeout: !Ref Timeout, SqsManagedSseEnabled: true}
                """)).isEmpty();
    }

    @Test
    void rejectsAnUnknownResourceType() {
        assertThat(problemsOf("Resources: {Queue: {Type: AWS::SQS::Queues}}"))
                .containsExactly("Resources.Queue.Type: AWS::SQS::Queues is not a resource type of the specification");
    }

    @Test
    void rejectsAnUnknownPropertyNamingItsPath() {
        assertThat(problemsOf("Resources: {Queue: {Type: AWS::SQS::Queue, Properties: {VisibilityTimeOut: 30}}}"))
                .singleElement().asString()
                .startsWith("Resources.Queue.Properties.VisibilityTimeOut: no such property; AWS::SQS::Queue here has")
                .contains("VisibilityTimeout");
    }

    @Test
    void rejectsAMissingRequiredProperty() {
        assertThat(problemsOf("Resources: {Endpoint: {Type: AWS::SageMaker::Endpoint, Properties: {}}}"))
                .containsExactly("Resources.Endpoint.Properties: required property EndpointConfigName is missing");
    }

    @Test
    void checksNestedPropertyTypesAndShapes() {
        assertThat(problemsOf("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      KeySchema:
                        - AttributeName: pk
                      AttributeDefinitions: {AttributeName: pk, AttributeType: S}
                      TimeToLiveSpecification: {AttributeName: expires_at, Enabled: maybe}
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties: {VisibilityTimeout: thirty}
                """)).containsExactly(
                "Resources.Table.Properties.KeySchema[0]: required property KeyType is missing",
                "Resources.Table.Properties.AttributeDefinitions: expected a list, found a mapping",
                "Resources.Table.Properties.TimeToLiveSpecification.Enabled: expected a Boolean, found 'maybe'",
                "Resources.Queue.Properties.VisibilityTimeout: expected a whole number, found 'thirty'");
    }

    @Test
    void checksSamEventsAgainstTheEventTypeTheyName() {
        assertThat(problemsOf("""
                Resources:
                  Function:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Jobs:
                          Type: SQS
                          Properties: {BatchSizes: 10, ScalingConfig: {MaximumConcurrency: 2}}
                        Routes:
                          Type: HttpApii
                          Properties: {Path: /}
                """)).containsExactly(
                "Resources.Function.Properties.Events.Jobs.Properties.BatchSizes: no such property; "
                        + "AWS::Serverless::Function here has [BatchSize, Enabled, FilterCriteria, "
                        + "FunctionResponseTypes, MaximumBatchingWindowInSeconds, Queue, ScalingConfig]",
                "Resources.Function.Properties.Events.Jobs.Properties: required property Queue is missing",
                "Resources.Function.Properties.Events.Routes.Type: HttpApii is not an event type of "
                        + "AWS::Serverless::Function");
    }

    @Test
    void checksGlobalsAgainstTheTypeTheyApplyTo() {
        assertThat(problemsOf("Globals: {Function: {Timeout: 29, MemorySizeMb: 512}}"))
                .singleElement().asString().startsWith("Globals.Function.MemorySizeMb: no such property");
    }

    @Test
    void acceptsAnyOfSamsAlternativesForPolicies() {
        assertThat(problemsOf("""
                Resources:
                  Function:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - AWSLambdaBasicExecutionRole
                        - Version: "2012-10-17"
                          Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}]
                """)).isEmpty();
    }
}
