package dev.llmpipeline.local.template.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.template.TemplateYaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Holds the repository's {@code template.yaml} to the official CloudFormation resource specification (npm
 * {@code @aws-cdk/cfnspec}, installed by the build) and to the code: references resolve, handlers exist where
 * their {@code CodeUri} points, and each function's environment is exactly what its config reads.
 */
class TemplateSpecificationTest {

    private final Map<String, Object> template = TemplateYaml.parse(TemplateYaml.projectTemplate());
    private final ResourceSpecification specification = ResourceSpecification.installed();

    @Test
    void everyResourceTypeAndPropertyIsInTheSpecification() {
        assertThat(specification.resourceType("AWS::Serverless::Function")).as("SAM types in the specification")
                .isPresent();
        assertThat(new SpecificationCheck(specification).check(template)).isEmpty();
    }

    @Test
    void everyReferenceResolves() {
        assertThat(new ReferenceCheck(specification).check(template)).isEmpty();
    }

    @Test
    void everyHandlerIsARequestHandlerOfTheModuleItsCodeUriNames() {
        assertThat(new HandlerCheck(ResourceSpecification.repository()).check(template)).isEmpty();
    }

    @Test
    void everyFunctionSetsWhatItsConfigReadsAndNothingElse() {
        assertThat(new EnvironmentCheck(EnvironmentCheck.PROJECT_CONFIGS).check(template)).isEmpty();
    }
}
