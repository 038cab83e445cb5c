package io.groundstation.bench.store;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The agents and the ids of their processes, kept in memory (rows are generated when written, never held). One
 * heartbeat replaces each process, with the churn chance, by a new one, and tells the store what the write path
 * under test would write for it. Driven by one thread.
 */
final class SoakFleet {

    enum Pattern {
        /** One narrow agent-row update per heartbeat, one wide write per process that came or went. */
        NARROW,
        /** As the server does today: one last_seen update per process per heartbeat. */
        OLD
    }

    private final List<Agent> agents = new ArrayList<>();
    private final SplittableRandom random;
    private final int propertyBytes;

    private static final class Agent {
        final String id;
        final int index;
        final String[] processIds;

        Agent(String id, int index, int processes) {
            this.id = id;
            this.index = index;
            this.processIds = new String[processes];
        }

        long membersHash() {
            long hash = 1;
            for (String id : processIds) {
                hash = hash * 31 + id.hashCode();
            }
            return hash;
        }
    }

    SoakFleet(int agentCount, int processesPerAgent, int propertyBytes, long seed) {
        this.random = new SplittableRandom(seed);
        this.propertyBytes = propertyBytes;
        for (int i = 0; i < agentCount; i++) {
            agents.add(new Agent(new UUID(random.nextLong(), random.nextLong()).toString(), i, processesPerAgent));
        }
    }

    int size() {
        return agents.size();
    }

    /** Generates every agent's first process set and hands each agent's rows to {@code sink}. */
    void populate(long seenAt, Consumer<InitialAgent> sink) {
        for (Agent agent : agents) {
            List<SoakRow> rows = new ArrayList<>(agent.processIds.length);
            for (int p = 0; p < agent.processIds.length; p++) {
                SoakRow row = SoakRow.generate(agent.id, agent.index, random, propertyBytes);
                agent.processIds[p] = row.id();
                rows.add(row);
            }
            sink.accept(new InitialAgent(agent.id, seenAt, agent.processIds.length, agent.membersHash(), rows));
        }
    }

    record InitialAgent(String id, long seenAt, int members, long membersHash, List<SoakRow> rows) {
    }

    void heartbeat(int agentIndex, long seenAt, double churn, Pattern pattern, SoakWork work) {
        Agent agent = agents.get(agentIndex);
        List<SoakWork.Sighting> gone = new ArrayList<>(2);
        List<SoakWork.Registration> born = new ArrayList<>(2);
        long now = System.nanoTime();
        boolean[] isNew = new boolean[agent.processIds.length];
        for (int p = 0; p < agent.processIds.length; p++) {
            if (random.nextDouble() < churn) {
                isNew[p] = true;
                gone.add(new SoakWork.Sighting(agent.processIds[p], seenAt));
                SoakRow row = SoakRow.generate(agent.id, agent.index, random, propertyBytes);
                agent.processIds[p] = row.id();
                born.add(new SoakWork.Registration(row, seenAt, now));
            }
        }
        SoakWork.Beat beat = new SoakWork.Beat(agent.id, seenAt, agent.processIds.length, agent.membersHash(),
                !gone.isEmpty());
        if (pattern == Pattern.NARROW) {
            work.beat(beat, gone, List.of(), born);
        } else {
            List<SoakWork.Sighting> touches = new ArrayList<>(agent.processIds.length);
            // new processes arrive through reportProcesses (a registration), the others through keepAlive
            for (int p = 0; p < agent.processIds.length; p++) {
                if (!isNew[p]) {
                    touches.add(new SoakWork.Sighting(agent.processIds[p], seenAt));
                }
            }
            work.awaitPurge(gone);
            work.beat(beat, List.of(), touches, born);
        }
    }
}
