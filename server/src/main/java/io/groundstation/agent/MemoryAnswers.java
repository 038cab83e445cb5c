package io.groundstation.agent;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A service some of whose calls are answered from memory. {@link AgentServer} runs those on the transport's thread,
 * as the no-storage baseline runs every call: handing a call to a pool thread and its reply back cost two thread
 * wake-ups, twelve times the baseline's context switches in the saturation run (BENCHMARKS.md). Any other call may
 * wait for the database and runs on a bounded pool.
 */
interface MemoryAnswers {

    /** Always answered from memory. */
    BooleanSupplier ALWAYS = () -> true;

    /**
     * Methods (full names) answered from memory whenever their condition holds; the condition is asked before each
     * step of the call runs, and the step runs on a pool when it does not hold.
     */
    Map<String, BooleanSupplier> answeredFromMemory();
}
