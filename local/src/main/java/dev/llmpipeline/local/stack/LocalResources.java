package dev.llmpipeline.local.stack;

import java.util.List;
import java.util.Map;

/**
 * The local stand-ins' names for the template's resources, so that a function's environment can be resolved the
 * way CloudFormation resolves it on deployment: {@code !Ref JobsTable} to a table name, {@code !Ref JobsQueue} to a
 * queue URL, {@code !GetAtt JobsQueue.Arn} to its ARN, {@code !GetAtt Endpoint.EndpointName} to the endpoint's name.
 */
record LocalResources(Map<String, String> tableNames, Map<String, String> queueUrls, Map<String, String> queueArns,
                      String endpointName) {

    /** The value of one environment variable: a string already, or an intrinsic this stack can answer. */
    String resolve(String variable, Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.size() == 1) {
            Object ref = intrinsic.get("Ref");
            if (ref instanceof String logicalId) {
                if (tableNames.containsKey(logicalId)) {
                    return tableNames.get(logicalId);
                }
                if (queueUrls.containsKey(logicalId)) {
                    return queueUrls.get(logicalId);
                }
            }
            Object getAtt = intrinsic.get("Fn::GetAtt");
            if (getAtt instanceof List<?> parts && parts.size() == 2) {
                String logicalId = String.valueOf(parts.get(0));
                String attribute = String.valueOf(parts.get(1));
                if (attribute.equals("Arn") && queueArns.containsKey(logicalId)) {
                    return queueArns.get(logicalId);
                }
                if (attribute.equals("EndpointName")) {
                    return endpointName;
                }
            }
        }
        throw new IllegalArgumentException("environment variable " + variable + ": the local stack cannot resolve "
                + value);
    }
}
