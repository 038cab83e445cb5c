package io.groundstation.registry;

/** The outcome for one reported process: its id when accepted, the reason when refused. */
public record Registration(String processId, String refusal) {

    static Registration accepted(String processId) {
        return new Registration(processId, null);
    }

    static Registration refused(String reason) {
        return new Registration(null, reason);
    }

    public boolean isAccepted() {
        return processId != null;
    }
}
