package dev.llmpipeline.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.stack.LocalStack;
import dev.llmpipeline.local.stack.LocalStackSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Least privilege, proven on the running pipeline: every AWS call a function's code makes (init's priming
 * included) is allowed by the function's {@code Policies} in the template, and every action on every resource
 * those policies allow is called. The calls are recorded by {@link SdkCallRecorder} while {@link PipelineWalk}
 * takes every route and path, on a stack of this test's own (its last path deletes the queue).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeastPrivilegeIT {
    private static final String TOKEN = "least-privilege-token";
    private static final String OWNER = "least-privilege";
    /**
     * What Lambda's SQS poller does with the managed policy SAM attaches for an SQS event
     * (AWSLambdaSQSQueueExecutionRole), never the functions' code.
     */
    private static final Set<String> POLLER_ACTIONS = Set.of("sqs:ReceiveMessage", "sqs:DeleteMessage",
            "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility");

    private LocalStack stack;
    private Map<String, Set<Permission>> usedByFunction;
    private LocalArns arns;

    @BeforeAll
    void walkEveryPathOfThePipeline() {
        // Earlier tests of this JVM ran functions too, on resources of the same names: only this walk counts.
        SdkCallRecorder.clear();
        stack = LocalStack.start(LocalStackSettings.defaults(Path.of(System.getProperty("pipeline.home")))
                .withApiPort(0)
                .withTimeScale(0.02)
                .withOwnersByToken(Map.of(TOKEN, OWNER)));
        arns = new LocalArns(stack);
        new PipelineWalk(stack, TOKEN, OWNER).walk();
        usedByFunction = SdkCallRecorder.calls().stream().collect(Collectors.groupingBy(SdkCall::function,
                Collectors.mapping(call -> Permission.of(call, arns), Collectors.toSet())));
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SubmitFunction", "WorkerFunction", "DeadLetterFunction", "ResultFunction"})
    void everyCallOfAFunctionsCodeIsAllowedByItsPolicies(String function) {
        FunctionPolicy policy = FunctionPolicy.read(stack.template(), function, arns);

        assertThat(used(function)).as("what %s's code called", function).isNotEmpty()
                .allSatisfy(needed -> assertThat(policy.allows(needed))
                        .as("%s called %s, which its policies %s do not allow", function, needed, policy.grants())
                        .isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SubmitFunction", "WorkerFunction", "DeadLetterFunction", "ResultFunction"})
    void everyActionOnEveryResourceAFunctionIsAllowedIsCalledByItsCode(String function) {
        FunctionPolicy policy = FunctionPolicy.read(stack.template(), function, arns);

        assertThat(policy.grants()).as("%s's policies", function).isNotEmpty()
                .allSatisfy(grant -> assertThat(used(function)).as("%s is allowed %s, which its code never called;"
                        + " it called %s", function, grant, used(function)).anyMatch(grant::allows));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SubmitFunction", "WorkerFunction", "DeadLetterFunction", "ResultFunction"})
    void aFunctionsCodeLeavesTheQueuesToLambdasPoller(String function) {
        assertThat(used(function)).extracting(Permission::action).doesNotContainAnyElementsOf(POLLER_ACTIONS);
    }

    @Test
    void noStatementUsesAWildcard() {
        List<Permission> grants = stack.template().functions().stream()
                .flatMap(function -> FunctionPolicy.read(stack.template(), function.logicalId(), arns).grants()
                        .stream())
                .toList();

        assertThat(grants).isNotEmpty().noneMatch(Permission::hasWildcard);
    }

    private Set<Permission> used(String function) {
        return usedByFunction.getOrDefault(function, Set.of());
    }
}
