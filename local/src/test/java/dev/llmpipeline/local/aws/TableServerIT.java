package dev.llmpipeline.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Drives dynalite with the real SDK v2 client, as the functions and the local stack do. */
class TableServerIT {

    /** {@code pipeline.home} is the repository root, set by the surefire/failsafe configuration of this module. */
    static final Path DYNALITE_DIR = Path.of(System.getProperty("pipeline.home", ".."), "local", "dynalite");

    private static TableServer server;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void startServer() {
        server = TableServer.start(DYNALITE_DIR, 0);
        // Explicit region, credentials and endpoint: nothing may look for an AWS address.
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopServer() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void createsTablesThatAreActiveAtOnce() {
        TableStatus status = createTable("active").tableDescription().tableStatus();

        assertThat(status).isIn(TableStatus.CREATING, TableStatus.ACTIVE);
        assertThat(dynamoDb.describeTable(request -> request.tableName("active")).table().tableStatus())
                .isEqualTo(TableStatus.ACTIVE);
    }

    @Test
    void refusesConditionalPutOfExistingItem() {
        createTable("jobs");
        PutItemRequest putIfAbsent = PutItemRequest.builder().tableName("jobs")
                .item(Map.of("pk", AttributeValue.fromS("job#1"), "status", AttributeValue.fromS("queued")))
                .conditionExpression("attribute_not_exists(pk)")
                .build();

        dynamoDb.putItem(putIfAbsent);

        assertThatThrownBy(() -> dynamoDb.putItem(putIfAbsent)).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(dynamoDb.getItem(request -> request.tableName("jobs").key(Map.of("pk", AttributeValue.fromS("job#1"))))
                .item()).containsEntry("status", AttributeValue.fromS("queued"));
    }

    @Test
    void closeStopsTheNodeProcess() {
        TableServer another = TableServer.start(DYNALITE_DIR, 0);
        ProcessHandle node = another.processHandle();
        assertThat(node.isAlive()).isTrue();

        another.close();
        another.close();

        assertThat(node.isAlive()).isFalse();
    }

    @Test
    void reportsStderrWhenDynaliteCannotListen() {
        int portInUse = server.endpoint().getPort();

        assertThatThrownBy(() -> TableServer.start(DYNALITE_DIR, portInUse))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 1")
                .hasMessageContaining("EADDRINUSE");
    }

    private static CreateTableResponse createTable(String name) {
        return dynamoDb.createTable(CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build());
    }
}
