package io.groundstation.bench.reply;

import java.util.List;

/**
 * What the agent takes from a queryPolicies reply: the service policies it applies (none when the reply is empty or
 * rejected) and what it misread on the way.
 */
public record PolicyPayload(List<ServicePolicy> services, List<Misread> misreads) {

    public PolicyPayload {
        services = List.copyOf(services);
        misreads = List.copyOf(misreads);
    }

    static PolicyPayload rejected(MisreadKind kind, String detail) {
        return new PolicyPayload(List.of(), List.of(new Misread(kind, detail)));
    }
}
