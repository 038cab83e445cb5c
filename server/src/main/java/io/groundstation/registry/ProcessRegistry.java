package io.groundstation.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The process registry's rules: what a report and a keep-alive do, when a process is alive, what is purged.
 * Registrations are written before the reply (an agent that got an id never registers it again); heartbeats
 * (keep-alives, and re-reports of unchanged processes) are buffered and written by {@link #flushPings()}, one
 * agent row per agent in steady state ({@link Membership}).
 */
public final class ProcessRegistry implements AliveProcesses {

    private final RegistryStore store;
    private final HeartbeatBuffer heartbeats;
    private final LastKeepAlives lastKeepAlives = new LastKeepAlives();
    private final PropertyRedactor redactor;
    private final Liveness liveness;
    private final Clock clock;
    private final RegistryLimits limits;
    private final List<BiConsumer<String, Set<String>>> registrationListeners = new CopyOnWriteArrayList<>();
    private final List<RegistryWrites> writeListeners = new CopyOnWriteArrayList<>();

    /** {@code maxPendingPings}: the most processes of heartbeats held unwritten (see {@link HeartbeatBuffer}). */
    public ProcessRegistry(RegistryStore store, PropertyRedactor redactor, Liveness liveness, Clock clock,
                           int maxPendingPings, RegistryLimits limits) {
        this.store = store;
        this.heartbeats = new HeartbeatBuffer(maxPendingPings);
        this.redactor = redactor;
        this.liveness = liveness;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Registers the reported processes of one agent. The result has one entry per report, in order: an item
     * with bad metadata is refused on its own and the rest are registered.
     *
     * @throws RegistryFull when the report would pass a cap (nothing is registered)
     */
    public List<Registration> register(String agentId, List<ProcessReport> reports) {
        long now = clock.millis();
        List<Registration> outcomes = new ArrayList<>(reports.size());
        // One pid may carry several entities, and a report may name one entity twice: keep the last.
        Map<String, ProcessReport> accepted = new LinkedHashMap<>();
        for (ProcessReport report : reports) {
            String problem = report.entity() == null ? "no process metadata" : report.entity().problem();
            if (problem != null) {
                outcomes.add(Registration.refused(problem));
                continue;
            }
            String id = Ids.processId(report.entity());
            accepted.put(id, report);
            outcomes.add(Registration.accepted(id));
        }
        if (!accepted.isEmpty()) {
            Map<String, RegisteredProcess> known = store.findProcesses(accepted.keySet());
            limits.check(agentId, accepted, known, store, now, liveness.aliveSince());
            List<RegisteredProcess> processes = new ArrayList<>();
            Map<String, SightedProcess> named = new LinkedHashMap<>();
            Set<String> servicesWithNewProcesses = new HashSet<>();
            accepted.forEach((id, report) -> {
                RegisteredProcess before = known.get(id);
                // Rover re-reports every process every ~200 s: only a new process, or one now found by another
                // agent or under another pid, is news to agents watching its service.
                boolean news = before == null || !before.agentId().equals(agentId) || before.pid() != report.pid();
                if (news) {
                    servicesWithNewProcesses.add(report.entity().serviceName());
                }
                RegisteredProcess registered = new RegisteredProcess(id, report.entity(), report.detectType(),
                        report.pid(), redactor.redact(report.properties()), agentId, report.supportsEbpfProfiling(),
                        now, now, news ? now : before.registeredAt());
                named.put(id, new SightedProcess(id, report.entity(), report.supportsEbpfProfiling()));
                // Unchanged and already durable: this report only says "still alive", like a keep-alive.
                if (before == null || !registered.sameAs(before)) {
                    processes.add(registered);
                }
            });
            if (!processes.isEmpty()) {
                store.saveRegistrations(new AgentSighting(agentId, now), processes);
                writeListeners.forEach(listener -> listener.registered(processes.size()));
            }
            if (!heartbeats.record(agentId, named, now, true, processes.size() == named.size())) {
                throw new PingBacklogFull(named.size(), heartbeats.maxPending());
            }
            if (!servicesWithNewProcesses.isEmpty()) {
                registrationListeners.forEach(listener -> listener.accept(agentId, servicesWithNewProcesses));
            }
        }
        return outcomes;
    }

    /** Told what each registration and flush wrote. */
    public void onWrites(RegistryWrites listener) {
        writeListeners.add(listener);
    }

    /**
     * Told, once durable, the agent and the services of its registrations that are news: a new process, agent or
     * pid.
     */
    public void onRegistration(BiConsumer<String, Set<String>> listener) {
        registrationListeners.add(listener);
    }

    /**
     * Records a keep-alive that is, byte for byte, the agent's last one: it names what that one named. False, and
     * nothing recorded, when it is not; then the caller parses it and calls {@link #keepAlive}.
     *
     * @throws PingBacklogFull when the heartbeat could not be held (nothing of it is recorded)
     */
    public boolean keepAliveAgain(String agentId, byte[] request) {
        long now = clock.millis();
        Map<String, SightedProcess> named = lastKeepAlives.sameAsLast(agentId, request, now);
        if (named == null) {
            return false;
        }
        record(agentId, named, now);
        return true;
    }

    /**
     * Records a keep-alive: the agent names every process it holds; returns the refusal reason of each bad ping
     * (empty when all were good). {@code request} is the keep-alive as sent, whose pings are {@code batch}:
     * remembered, so that the same keep-alive again is recorded by {@link #keepAliveAgain}. The caller gives up
     * the array.
     *
     * @throws PingBacklogFull when the heartbeat could not be held (nothing of it is recorded)
     */
    public List<String> keepAlive(String agentId, List<Ping> batch, byte[] request) {
        long now = clock.millis();
        List<String> refusals = new ArrayList<>();
        Map<String, SightedProcess> named = new LinkedHashMap<>();
        for (Ping ping : batch) {
            String problem = ping.entity() == null ? "no process metadata" : ping.entity().problem();
            if (problem != null) {
                refusals.add(problem);
                continue;
            }
            String id = Ids.processId(ping.entity());
            named.put(id, new SightedProcess(id, ping.entity(), ping.ebpfSupported()));
        }
        lastKeepAlives.remember(agentId, request, named, !refusals.isEmpty(), now);
        record(agentId, named, now);
        return refusals;
    }

    private void record(String agentId, Map<String, SightedProcess> named, long now) {
        if (!named.isEmpty() && !heartbeats.record(agentId, named, now, false, false)) {
            throw new PingBacklogFull(named.size(), heartbeats.maxPending());
        }
    }

    /**
     * Writes buffered heartbeats; returns how many process sightings they carried. One flush at a time: a flush
     * that found the others' heartbeats in flight would return before they are written or put back.
     */
    public synchronized int flushPings() {
        lastKeepAlives.forgetBefore(liveness.aliveSince());
        List<AgentHeartbeat> taken = heartbeats.take(clock.millis());
        try {
            if (!taken.isEmpty()) {
                HeartbeatWrites writes = store.applyHeartbeats(taken);
                writeListeners.forEach(listener -> listener.heartbeats(writes));
            }
            heartbeats.done(List.of());
        } catch (RuntimeException e) {
            heartbeats.done(taken);
            throw e;
        }
        return taken.stream().mapToInt(h -> h.processes().size()).sum();
    }

    /** Processes named by heartbeats not yet written. */
    public int pendingPings() {
        return heartbeats.pending();
    }

    /** Deletes processes and agents not seen within the retention; returns the number of processes deleted. */
    public int purgeOlderThan(java.time.Duration retention) {
        long cutoff = clock.millis() - retention.toMillis();
        int processes = store.deleteProcessesLastSeenBefore(cutoff);
        store.deleteAgentsLastSeenBefore(cutoff);
        return processes;
    }

    public Optional<RegisteredProcess> process(String id) {
        return store.findProcess(id);
    }

    public List<RegisteredProcess> processes(ProcessQuery query) {
        return store.findProcesses(query, liveness.aliveSince());
    }

    public long countProcesses(ProcessQuery query) {
        return store.countProcesses(query, liveness.aliveSince());
    }

    public long countProcesses() {
        return store.countProcesses();
    }

    @Override
    public List<RegisteredProcess> aliveProcesses(String serviceName, String instanceName, int limit) {
        return processes(new ProcessQuery(serviceName, instanceName, ProcessState.ALIVE, 0, limit));
    }

    /** The alive processes an agent looks after: an agent is only ever sent tasks for these. */
    @Override
    public List<String> aliveProcessIdsOf(String agentId) {
        return store.processIdsOfAgent(agentId, liveness.aliveSince());
    }

    /** Services that gained (or re-registered) a process at or after {@code since}, epoch ms. */
    public Set<String> servicesRegisteredSince(long since) {
        return store.servicesRegisteredSince(since);
    }

    public List<ServiceSummary> services() {
        return store.summarizeServices(liveness.aliveSince());
    }

    public List<ServiceSummary> services(ServiceQuery query) {
        return store.summarizeServices(query, liveness.aliveSince());
    }

    public long countServices(String search) {
        return store.countServices(search);
    }

    public AgentCounts agentCounts() {
        return store.countAgents(liveness.aliveSince());
    }

    public List<InstanceSummary> instances(String serviceName) {
        return store.summarizeInstances(serviceName, liveness.aliveSince());
    }

    public List<Agent> agents(int offset, int limit) {
        return store.findAgents(offset, limit, liveness.aliveSince());
    }

    public Liveness liveness() {
        return liveness;
    }
}
