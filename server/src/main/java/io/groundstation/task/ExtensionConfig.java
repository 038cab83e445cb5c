package io.groundstation.task;

import io.groundstation.json.JsonText;

import java.util.List;

/**
 * The agent's {@code ExtensionConfigJSON} for a task: {@code null} for on-CPU and off-CPU, the sampling rules for
 * NETWORK. Written by hand because the agent is strict about its field names and types.
 */
final class ExtensionConfig {

    private ExtensionConfig() {
    }

    static String of(List<NetworkSampling> samplings) {
        if (samplings.isEmpty()) {
            return null;
        }
        StringBuilder json = new StringBuilder("{\"NetworkSamplings\":[");
        for (int i = 0; i < samplings.size(); i++) {
            NetworkSampling s = samplings.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"URIRegex\":").append(s.uriRegex() == null ? "null" : JsonText.quote(s.uriRegex()))
                    .append(",\"MinDuration\":").append(s.minDurationMillis() == null ? "null" : s.minDurationMillis())
                    .append(",\"When4xx\":").append(s.when4xx())
                    .append(",\"When5xx\":").append(s.when5xx())
                    .append(",\"Settings\":{\"RequireCompleteRequest\":").append(s.requireCompleteRequest())
                    .append(",\"MaxRequestSize\":").append(s.maxRequestSize())
                    .append(",\"RequireCompleteResponse\":").append(s.requireCompleteResponse())
                    .append(",\"MaxResponseSize\":").append(s.maxResponseSize()).append("}}");
        }
        return json.append("]}").toString();
    }
}
