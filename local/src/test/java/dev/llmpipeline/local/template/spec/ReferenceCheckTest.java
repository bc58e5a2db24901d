package dev.llmpipeline.local.template.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.template.TemplateYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceCheckTest {

    private static final String RESOURCES = """
            Parameters: {Size: {Type: Number, Default: 1}}
            Conditions: {IsBig: !Equals [!Ref Size, 10]}
            Resources:
              Queue: {Type: AWS::SQS::Queue}
              Function: {Type: AWS::Serverless::Function}
            """;

    private final ReferenceCheck check = new ReferenceCheck(ResourceSpecification.installed());

    private List<String> problemsOf(String yaml) {
        return check.check(TemplateYaml.parse(RESOURCES + yaml));
    }

    @Test
    void acceptsReferencesToParametersResourcesPseudoParametersAndSubVariables() {
        assertThat(problemsOf("""
                  Alarm:
                    Type: AWS::CloudWatch::Alarm
                    Condition: IsBig
                    DependsOn: [Queue]
                    Properties:
                      Threshold: !If [IsBig, !Ref Size, !Ref AWS::NoValue]
                      AlarmName: !Sub ${AWS::StackName}-${Queue.QueueName}-${Function.Arn}-${!Literal}
                      AlarmDescription: !Sub [ "${Account}:${Queue}", {Account: !Ref AWS::AccountId} ]
                      Namespace: !GetAtt Queue.Arn
                """)).isEmpty();
    }

    @Test
    void rejectsADanglingRef() {
        assertThat(problemsOf("  Other: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref Missing}}"))
                .containsExactly("Resources.Other.Properties.QueueName: Ref Missing names no parameter, resource or "
                        + "pseudo parameter");
    }

    @Test
    void rejectsAGetAttOfAnUnknownAttributeOrResource() {
        assertThat(problemsOf("""
                  Other:
                    Type: AWS::SQS::Queue
                    Properties: {QueueName: !GetAtt Queue.Url, RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn}}
                """)).containsExactly(
                "Resources.Other.Properties.QueueName: Fn::GetAtt Queue.Url: AWS::SQS::Queue has no attribute Url; "
                        + "it has [Arn, QueueName, QueueUrl]",
                "Resources.Other.Properties.RedrivePolicy.deadLetterTargetArn: Fn::GetAtt Dlq.Arn names no resource");
    }

    @Test
    void rejectsASubVariableThatNamesNothing() {
        assertThat(problemsOf("""
                  Other:
                    Type: AWS::SQS::Queue
                    Properties: {QueueName: !Sub "${Nope}-${Queue.Nope}-${Size}"}
                Outputs:
                  Url: {Value: !Sub [ "${Host}/${Path}", {Host: !Ref Queue} ]}
                """)).containsExactly(
                "Resources.Other.Properties.QueueName: Fn::Sub ${Nope} names no parameter, resource, pseudo parameter"
                        + " or variable of the Sub",
                "Resources.Other.Properties.QueueName: Fn::Sub Queue.Nope: AWS::SQS::Queue has no attribute Nope; "
                        + "it has [Arn, QueueName, QueueUrl]",
                "Outputs.Url.Value: Fn::Sub ${Path} names no parameter, resource, pseudo parameter or variable of "
                        + "the Sub");
    }

    @Test
    void rejectsConditionsAndDependenciesThatDoNotExist() {
        assertThat(problemsOf("""
                  Other:
                    Type: AWS::SQS::Queue
                    Condition: IsSmall
                    DependsOn: Queues
                    Properties: {DelaySeconds: !If [IsTiny, 1, 2]}
                """)).containsExactlyInAnyOrder(
                "Resources.Other.Properties.DelaySeconds: no condition IsTiny in Conditions",
                "Resources.Other.DependsOn: no resource Queues",
                "Resources.Other.Condition: no condition IsSmall in Conditions");
    }
}
