package dev.llmpipeline.local.template.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.template.TemplateYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerCheckTest {

    private final HandlerCheck check = new HandlerCheck(ResourceSpecification.repository());

    private List<String> problemsOf(String handler, String codeUri) {
        return check.check(TemplateYaml.parse("""
                Resources:
                  Function:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: %s, CodeUri: %s}
                """.formatted(handler, codeUri)));
    }

    @Test
    void acceptsAHandlerOfTheModuleItsCodeUriNames() {
        assertThat(problemsOf("dev.llmpipeline.worker.DeadLetterHandler::handleRequest",
                "worker-function/target/worker-function-lambda.jar")).isEmpty();
    }

    @Test
    void rejectsAHandlerClassThatDoesNotExist() {
        assertThat(problemsOf("dev.llmpipeline.submit.NoSuchHandler::handleRequest",
                "submit-function/target/submit-function-lambda.jar")).singleElement().asString()
                .startsWith("Resources.Function.Properties.Handler: no class dev.llmpipeline.submit.NoSuchHandler "
                        + "in module submit-function");
    }

    @Test
    void rejectsAHandlerOfAnotherModule() {
        assertThat(problemsOf("dev.llmpipeline.worker.WorkerHandler::handleRequest",
                "submit-function/target/submit-function-lambda.jar")).singleElement().asString()
                .startsWith("Resources.Function.Properties.Handler: no class dev.llmpipeline.worker.WorkerHandler "
                        + "in module submit-function");
    }

    @Test
    void rejectsAClassThatIsNoRequestHandlerOrAMethodThatIsNoHandlerMethod() {
        assertThat(problemsOf("dev.llmpipeline.submit.SubmitConfig::fromEnvironment",
                "submit-function/target/submit-function-lambda.jar")).containsExactly(
                "Resources.Function.Properties.Handler: dev.llmpipeline.submit.SubmitConfig does not implement "
                        + "com.amazonaws.services.lambda.runtime.RequestHandler",
                "Resources.Function.Properties.Handler: dev.llmpipeline.submit.SubmitConfig needs to be public with a "
                        + "public no-argument constructor",
                "Resources.Function.Properties.Handler: dev.llmpipeline.submit.SubmitConfig has no public method "
                        + "fromEnvironment(input, Context)");
        assertThat(problemsOf("dev.llmpipeline.submit.SubmitHandler::handle",
                "submit-function/target/submit-function-lambda.jar")).containsExactly(
                "Resources.Function.Properties.Handler: dev.llmpipeline.submit.SubmitHandler has no public method "
                        + "handle(input, Context)");
    }

    @Test
    void rejectsACodeUriThatIsNotAModulesLambdaJar() {
        assertThat(problemsOf("dev.llmpipeline.submit.SubmitHandler::handleRequest",
                "submit-function/target/submit-function.jar")).containsExactly(
                "Resources.Function.Properties.CodeUri: expected MODULE/target/MODULE-lambda.jar, found "
                        + "submit-function/target/submit-function.jar");
        assertThat(problemsOf("dev.llmpipeline.submit.SubmitHandler::handleRequest",
                "billing-function/target/billing-function-lambda.jar")).containsExactly(
                "Resources.Function.Properties.CodeUri: billing-function is not a module of this repository");
    }
}
