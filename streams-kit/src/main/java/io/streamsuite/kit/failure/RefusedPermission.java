package io.streamsuite.kit.failure;

import java.util.Locale;
import org.apache.kafka.common.acl.AclOperation;

/**
 * A permission the broker refused, as an ACL would grant it: {@code Write on topic payments.transactions.scored}.
 * Operation names are spelled as in a Strimzi KafkaUser ({@code DescribeConfigs}), so the line tells an operator
 * what to add.
 */
public record RefusedPermission(String operation, String resourceType, String resourceName) {

    public static RefusedPermission of(AclOperation operation, String resourceType, String resourceName) {
        return new RefusedPermission(aclName(operation), resourceType, resourceName);
    }

    /** {@code DESCRIBE_CONFIGS} as {@code DescribeConfigs}. */
    static String aclName(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String part : operation.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return operation + " on " + resourceType + " " + resourceName;
    }
}
