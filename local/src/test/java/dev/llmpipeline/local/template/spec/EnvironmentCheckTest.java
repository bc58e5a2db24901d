package dev.llmpipeline.local.template.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.template.TemplateYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentCheckTest {

    private final EnvironmentCheck check = new EnvironmentCheck(EnvironmentCheck.PROJECT_CONFIGS);

    private List<String> problemsOf(String handler, String variables) {
        return check.check(TemplateYaml.parse("""
                Parameters: {BatchSize: {Type: Number, Default: 1000}}
                Globals:
                  Function:
                    Environment: {Variables: {JOBS_TABLE: !Ref Table, JAVA_TOOL_OPTIONS: -XX:TieredStopAtLevel=1}}
                Resources:
                  Table: {Type: AWS::DynamoDB::Table}
                  Queue: {Type: AWS::SQS::Queue}
                  Function:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: %s::handleRequest
                      Environment: {Variables: %s}
                """.formatted(handler, variables)));
    }

    @Test
    void acceptsWhatTheConfigReadsWithGlobalsMergedAndLibraryVariables() {
        assertThat(problemsOf("dev.llmpipeline.submit.SubmitHandler",
                "{JOBS_QUEUE_URL: !Ref Queue, MAX_PROMPT_CHARS: '8000', POWERTOOLS_SERVICE_NAME: submit}")).isEmpty();
    }

    @Test
    void rejectsAnEnvironmentMissingARequiredVariable() {
        assertThat(problemsOf("dev.llmpipeline.submit.SubmitHandler", "{MAX_PROMPT_CHARS: '8000'}"))
                .containsExactly("Resources.Function.Properties.Environment: the config of "
                        + "dev.llmpipeline.submit.SubmitHandler refuses it: invalid configuration: "
                        + "JOBS_QUEUE_URL is required");
    }

    @Test
    void rejectsAValueTheConfigRefuses() {
        assertThat(problemsOf("dev.llmpipeline.worker.WorkerHandler",
                "{ENDPOINT_NAME: endpoint, MICRO_BATCH_SIZE: !Ref BatchSize}"))
                .containsExactly("Resources.Function.Properties.Environment: the config of "
                        + "dev.llmpipeline.worker.WorkerHandler refuses it: invalid configuration: "
                        + "MICRO_BATCH_SIZE must be between 1 and 256, was 1000");
    }

    @Test
    void rejectsAVariableNoConfigReads() {
        assertThat(problemsOf("dev.llmpipeline.worker.DeadLetterHandler", "{ENDPOINT_NAME: endpoint}"))
                .containsExactly("Resources.Function: environment variable ENDPOINT_NAME (set here or in "
                        + "Globals.Function) is never read by the config of dev.llmpipeline.worker.DeadLetterHandler");
    }

    @Test
    void rejectsAHandlerWhoseConfigIsNotKnown() {
        assertThat(problemsOf("dev.llmpipeline.billing.BillingHandler", "{}")).singleElement().asString()
                .startsWith("Resources.Function.Properties.Handler: no config known for "
                        + "dev.llmpipeline.billing.BillingHandler");
    }
}
