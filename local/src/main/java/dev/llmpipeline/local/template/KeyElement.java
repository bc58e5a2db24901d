package dev.llmpipeline.local.template;

import java.util.Objects;

/**
 * One attribute of a DynamoDB key schema, as the template declares it.
 *
 * @param attributeName the attribute, such as {@code pk}
 * @param keyType       {@code HASH} (partition key) or {@code RANGE} (sort key)
 */
public record KeyElement(String attributeName, String keyType) {

    /** Checks that both parts are present and the key type is one DynamoDB knows. */
    public KeyElement {
        Objects.requireNonNull(attributeName, "attributeName");
        if (!"HASH".equals(keyType) && !"RANGE".equals(keyType)) {
            throw new IllegalArgumentException("keyType of " + attributeName + " must be HASH or RANGE, was "
                    + keyType);
        }
    }
}
