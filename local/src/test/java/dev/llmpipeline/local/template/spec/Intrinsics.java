package dev.llmpipeline.local.template.spec;

import java.util.Map;
import java.util.Set;

/** Recognises CloudFormation's intrinsic functions in a parsed template (their one-key JSON form). */
final class Intrinsics {

    /** Functions that stand for a value wherever one is expected (a condition name only inside conditions). */
    private static final Set<String> VALUE_FUNCTIONS = Set.of("Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::If",
            "Fn::Select", "Fn::Split", "Fn::FindInMap", "Fn::ImportValue", "Fn::GetAZs", "Fn::Base64", "Fn::Cidr",
            "Fn::Transform", "Fn::Length", "Fn::ToJsonString");

    private Intrinsics() {
    }

    /** Whether the value is an intrinsic function call that CloudFormation replaces by a value. */
    static boolean isIntrinsic(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1
                && VALUE_FUNCTIONS.contains(String.valueOf(map.keySet().iterator().next()));
    }
}
