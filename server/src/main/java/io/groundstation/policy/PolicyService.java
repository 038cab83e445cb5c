package io.groundstation.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/** Policies: what operators set and what each agent poll is answered (protocol.md §4). */
public final class PolicyService {

    private final PolicyStore store;
    private final PolicyValidator validator;
    private final PolicyBook book;
    private final AgentNews news;
    private final PolicyRollout rollout;
    private final Clock clock;
    private final int maxPolicies;

    public PolicyService(PolicyStore store, PolicyValidator validator,
                         LongFunction<Set<String>> servicesRegisteredSince, Duration refresh, Duration resendWindow,
                         int maxPolicies, PolicyRollout rollout, Clock clock) {
        this.store = store;
        this.maxPolicies = maxPolicies;
        this.validator = validator;
        this.book = new PolicyBook(store, servicesRegisteredSince, refresh.toMillis(), resendWindow.toMillis(), clock);
        this.news = new AgentNews(resendWindow.toMillis());
        this.rollout = rollout;
        this.clock = clock;
    }

    /**
     * Whether a poll answered within {@code millis} from now would be answered from memory: only the policy
     * snapshot's reload reads the database on the poll's path (the rollout and news it records are flushed later).
     */
    public boolean answersFromMemoryFor(long millis) {
        return book.answersFromMemoryFor(millis);
    }

    /**
     * Validates and stores a service's policy; throws {@link PolicyProblems} listing every problem, or
     * {@link PolicyLimitReached} when a service without a policy would be one too many.
     */
    public StoredPolicy put(String serviceName, Object targets) {
        Policy policy = validator.validate(serviceName, targets);
        if (store.find(serviceName).isEmpty()) {
            int existing = store.count();
            if (existing >= maxPolicies) {
                throw new PolicyLimitReached(existing + " services have a policy, the most limit.policies allows;"
                        + " delete one or raise the limit");
            }
        }
        StoredPolicy stored = StoredPolicy.of(policy, clock.millis());
        store.save(stored);
        book.invalidate();
        return stored;
    }

    /** A policy as it would be stored, without storing it; throws {@link PolicyProblems} like {@link #put}. */
    public Policy draft(String serviceName, Object targets) {
        return validator.validate(serviceName, targets);
    }

    public boolean delete(String serviceName) {
        boolean deleted = store.delete(serviceName);
        book.invalidate();
        return deleted;
    }

    public Optional<StoredPolicy> get(String serviceName) {
        return store.find(serviceName);
    }

    public List<StoredPolicy> list() {
        return store.findAll();
    }

    /** Processes of these services were just registered through this node, by this agent. */
    public void servicesGainedProcesses(String agentId, Set<String> services) {
        book.registered(services);
        news.registered(agentId, services, clock.millis());
    }

    /** A service's current version and which agents hold it. */
    public Rollout rollout(String serviceName) {
        return new Rollout(get(serviceName).map(StoredPolicy::version).orElse(""), rollout.agents(serviceName));
    }

    /**
     * The current policy's own spelling of a URI regex an agent sent back, which may be a variant spelling
     * (protocol.md §4); {@code sent} itself when the service has no policy or the policy no such regex.
     */
    public String policyRegex(String serviceName, String sent) {
        return book.current(serviceName).map(p -> UriFilterVariants.baseRegex(p.stored().policy(), sent)).orElse(sent);
    }

    /**
     * The answer to one agent poll: empty when nothing changed for it (the agent then changes nothing), otherwise
     * the {@code ServiceWithPolicyJSON} array. A service is in it when its version differs from what the agent
     * holds, or when it gained processes of this agent that were not sent to it yet (the agent refreshes a
     * service's processes only when the service is in a reply). When the poller is not known, or may have
     * registered processes through another node, a service that gained processes of any agent within the re-send
     * window counts instead. Any non-empty reply makes the agent re-sync every checker, so it also carries every
     * queried service with URI filters, spelled differently from what the agent holds (protocol.md §4), and, for a
     * known agent, the removal of every URI-filtered policy it holds of a service it no longer asks about.
     */
    public Optional<String> answer(Poller poller, List<HeldPolicy> held) {
        Map<String, HeldPolicy> queried = new LinkedHashMap<>();
        held.forEach(h -> queried.putIfAbsent(h.serviceName(), h));
        long now = clock.millis();
        AgentNews.News agentNews = poller.known() ? news.polled(poller.agentId(), queried.values(), now)
                : new AgentNews.News(Map.of(), true, Map.of());
        if (poller.known()) {
            rollout.polled(poller.agentId(), queried.values(), now);
        }
        Predicate<String> gained = service -> agentNews.unsent().containsKey(service)
                || agentNews.mayHaveMissed() && book.gainedProcessesRecently(service);
        boolean resync = queried.values().stream().anyMatch(h -> needsSending(h, gained));
        List<String> entries = new ArrayList<>();
        Set<String> settled = new HashSet<>();
        Map<String, String> sentVersions = new HashMap<>();
        for (HeldPolicy h : queried.values()) {
            Optional<ServedPolicy> served = book.current(h.serviceName());
            Optional<StoredPolicy> current = served.map(ServedPolicy::stored);
            boolean uriFiltered = current.map(p -> p.policy().hasUriFilters()).orElse(false);
            if (current.isEmpty() || resync && (uriFiltered || needsSending(h, gained))) {
                // Sent, or without a policy (the agent watches nothing of it): its news are settled either way.
                settled.add(h.serviceName());
            }
            if (!resync || !needsSending(h, gained) && !uriFiltered) {
                continue;
            }
            if (current.isPresent()) {
                int variant = variantFor(current.get(), h);
                entries.add(served.get().entry(variant));
                sentVersions.put(h.serviceName(), new PolicyVersion(current.get().version(), variant).text());
            } else {
                entries.add(AgentPolicyJson.removal(h.serviceName()));
                sentVersions.put(h.serviceName(), "");
            }
        }
        if (resync) {
            agentNews.heldUnasked().forEach((service, version) -> {
                if (heldHasUriFilters(version)) {
                    entries.add(AgentPolicyJson.removal(service));
                    sentVersions.put(service, "");
                }
            });
        }
        if (poller.known()) {
            Map<String, Long> sent = new HashMap<>(agentNews.unsent());
            sent.keySet().retainAll(settled);
            news.sent(poller.agentId(), sent, sentVersions);
        }
        return resync ? Optional.of("[" + String.join(",", entries) + "]") : Optional.empty();
    }

    private boolean heldHasUriFilters(String heldVersion) {
        return book.version(PolicyVersion.parse(heldVersion).base()).map(Policy::hasUriFilters).orElse(false);
    }

    private boolean needsSending(HeldPolicy h, Predicate<String> gainedProcesses) {
        String desired = book.current(h.serviceName()).map(p -> p.stored().version()).orElse("");
        if (!PolicyVersion.parse(h.version()).base().equals(desired)) {
            return true;
        }
        return !desired.isEmpty() && gainedProcesses.test(h.serviceName());
    }

    /**
     * The smallest variant that spells every URI filter differently from what the agent holds for the same
     * checker: then no item the agent rebuilds keeps its old filter text.
     */
    private int variantFor(StoredPolicy current, HeldPolicy h) {
        if (!current.policy().hasUriFilters()) {
            return 0;
        }
        PolicyVersion heldVersion = PolicyVersion.parse(h.version());
        Policy heldPolicy = heldVersion.base().isEmpty() ? null : book.version(heldVersion.base()).orElse(null);
        for (int variant = 0; ; variant++) {
            if (variant != heldVersion.variant()
                    && differsEverywhere(current.policy(), variant, heldPolicy, heldVersion.variant())) {
                return variant;
            }
        }
    }

    private static boolean differsEverywhere(Policy next, int variant, Policy held, int heldVariant) {
        if (held == null) {
            return true;
        }
        for (var target : next.targets().entrySet()) {
            for (var checker : target.getValue().entrySet()) {
                CheckItem heldItem = held.targets().getOrDefault(target.getKey(), Map.of()).get(checker.getKey());
                CheckItem item = checker.getValue();
                if (heldItem == null || !item.hasUriFilter()) {
                    continue;
                }
                boolean sameList = !item.uriList().isEmpty() && !heldItem.uriList().isEmpty()
                        && UriFilterVariants.list(item.uriList(), variant)
                        .equals(UriFilterVariants.list(heldItem.uriList(), heldVariant));
                boolean sameRegex = item.uriRegex() != null && heldItem.uriRegex() != null
                        && UriFilterVariants.regex(item.uriRegex(), variant)
                        .equals(UriFilterVariants.regex(heldItem.uriRegex(), heldVariant));
                if (sameList || sameRegex) {
                    return false;
                }
            }
        }
        return true;
    }
}
