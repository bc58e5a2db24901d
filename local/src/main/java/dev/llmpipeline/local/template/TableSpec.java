package dev.llmpipeline.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DynamoDB table ({@code AWS::DynamoDB::Table}): what the local stack needs to create the same table.
 *
 * @param logicalId              the table's logical id in the template
 * @param keySchema              the primary key, partition key first
 * @param attributeTypes         type ({@code S}, {@code N} or {@code B}) of each attribute used in a key,
 *                               in template order
 * @param globalSecondaryIndexes the global secondary indexes; empty if there are none
 */
public record TableSpec(String logicalId, List<KeyElement> keySchema, Map<String, String> attributeTypes,
        List<IndexSpec> globalSecondaryIndexes) {

    /** Copies the collections. */
    public TableSpec {
        Objects.requireNonNull(logicalId, "logicalId");
        keySchema = List.copyOf(keySchema);
        attributeTypes = Collections.unmodifiableMap(new LinkedHashMap<>(attributeTypes));
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
    }
}
