package io.groundstation.agent;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/** The JVM's limit on direct-buffer memory, where Netty keeps every request it has received until a thread takes it. */
final class DirectMemory {

    private DirectMemory() {
    }

    static long maxBytes() {
        long configured = Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("MaxDirectMemorySize").getValue());
        // 0 is the default: the limit is then the heap's maximum
        return configured > 0 ? configured : Runtime.getRuntime().maxMemory();
    }
}
