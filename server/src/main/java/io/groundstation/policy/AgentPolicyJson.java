package io.groundstation.policy;

/** One service of {@code ServiceWithPolicyJSON}, as the agent parses it. */
final class AgentPolicyJson {

    private AgentPolicyJson() {
    }

    static String entry(Policy policy, String version, int variant) {
        return "{\"ServiceName\":" + PolicyJson.string(policy.serviceName())
                + ",\"UUID\":" + PolicyJson.string(new PolicyVersion(version, variant).text())
                + ",\"Profiling\":" + PolicyJson.targets(policy, PolicyJson.Spelling.AGENT, variant) + "}";
    }

    /** No policy any more: a version the agent cannot hold, and no Profiling, make it drop what it has. */
    static String removal(String serviceName) {
        return "{\"ServiceName\":" + PolicyJson.string(serviceName) + ",\"UUID\":\"\"}";
    }
}
