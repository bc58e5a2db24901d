package dev.llmpipeline.local.template;

import java.util.List;
import java.util.Objects;

/**
 * A global secondary index of a DynamoDB table.
 *
 * @param indexName        the index's name, such as {@code batch_id-index}
 * @param keySchema        its key, partition key first
 * @param projectionType   {@code ALL}, {@code KEYS_ONLY} or {@code INCLUDE}
 * @param nonKeyAttributes what an {@code INCLUDE} projection copies besides the keys; empty for the others
 */
public record IndexSpec(String indexName, List<KeyElement> keySchema, String projectionType,
                        List<String> nonKeyAttributes) {

    /** Copies the key schema and the attributes. */
    public IndexSpec {
        Objects.requireNonNull(indexName, "indexName");
        keySchema = List.copyOf(keySchema);
        Objects.requireNonNull(projectionType, "projectionType");
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }
}
