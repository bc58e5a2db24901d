package dev.llmpipeline.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PermissionTest {
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/JobsTable";

    @Test
    void aTableDoesNotAllowQueriesOfItsIndexes() {
        Permission grant = new Permission("dynamodb:Query", TABLE);

        assertThat(grant.allows(new Permission("dynamodb:Query", TABLE + "/index/batch_id-index"))).isFalse();
        assertThat(grant.allows(new Permission("dynamodb:Query", TABLE))).isTrue();
    }

    @Test
    void wildcardsStandForAnyCharactersOrOne() {
        assertThat(new Permission("dynamodb:Query", TABLE + "/index/*")
                .allows(new Permission("dynamodb:Query", TABLE + "/index/batch_id-index"))).isTrue();
        assertThat(new Permission("dynamodb:*", TABLE).allows(new Permission("dynamodb:PutItem", TABLE))).isTrue();
        assertThat(new Permission("dynamodb:?etItem", TABLE).allows(new Permission("dynamodb:GetItem", TABLE)))
                .isTrue();
        assertThat(new Permission("dynamodb:?etItem", TABLE).allows(new Permission("dynamodb:PutItem", TABLE)))
                .isFalse();
    }

    @Test
    void actionsCompareWithoutCaseAndResourcesWithIt() {
        assertThat(new Permission("SQS:sendmessage", "arn:aws:sqs:r:a:JobsQueue")
                .allows(new Permission("sqs:SendMessage", "arn:aws:sqs:r:a:JobsQueue"))).isTrue();
        assertThat(new Permission("sqs:SendMessage", "arn:aws:sqs:r:a:jobsqueue")
                .allows(new Permission("sqs:SendMessage", "arn:aws:sqs:r:a:JobsQueue"))).isFalse();
    }

    @Test
    void aBatchSendIsAuthorisedAsASend() {
        assertThat(Permission.actionOf(new SdkCall("SubmitFunction", "Sqs", "SendMessageBatch", "url")))
                .isEqualTo("sqs:SendMessage");
        assertThat(Permission.actionOf(new SdkCall("SubmitFunction", "DynamoDb", "BatchWriteItem", "JobsTable")))
                .isEqualTo("dynamodb:BatchWriteItem");
        assertThat(Permission.actionOf(new SdkCall("WorkerFunction", "SageMakerRuntime", "InvokeEndpoint", "e")))
                .isEqualTo("sagemaker:InvokeEndpoint");
    }
}
