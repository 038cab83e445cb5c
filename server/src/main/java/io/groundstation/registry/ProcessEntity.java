package io.groundstation.registry;

import java.util.List;

/** What identifies a process to an agent: its layer, service, instance and process names, and its labels. */
public record ProcessEntity(String layer, String serviceName, String instanceName, String processName,
                            List<String> labels) {

    public ProcessEntity {
        labels = List.copyOf(labels);
    }

    /** Whether this process carries every one of these labels (how requests select processes by label). */
    public boolean carriesAll(java.util.Collection<String> wanted) {
        return labels.containsAll(wanted);
    }

    static boolean hasNul(String text) {
        return text.indexOf('\0') >= 0;
    }

    /** Why this entity cannot be registered, or null when it can. */
    String problem() {
        if (layer.isBlank()) {
            return "blank layer";
        }
        if (serviceName.isBlank()) {
            return "blank service name";
        }
        if (instanceName.isBlank()) {
            return "blank instance name";
        }
        if (processName.isBlank()) {
            return "blank process name";
        }
        // PostgreSQL cannot store NUL in text; refusing the item keeps the rest of the batch storable.
        if (hasNul(layer) || hasNul(serviceName) || hasNul(instanceName) || hasNul(processName)
                || anyLabelHasNul()) {
            return "NUL character in a name or label";
        }
        return null;
    }

    /** A loop, not a stream: every process of every keep-alive is checked, and the stream's set-up showed in JFR. */
    private boolean anyLabelHasNul() {
        for (String label : labels) {
            if (hasNul(label)) {
                return true;
            }
        }
        return false;
    }
}
