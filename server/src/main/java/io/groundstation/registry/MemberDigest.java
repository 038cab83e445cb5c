package io.groundstation.registry;

import java.util.Map;

/**
 * A digest of the set of processes an agent holds, with their eBPF flags: the number of members and the sum of a
 * 64-bit hash of each. A sum is order-free and can be kept next to the agent row, so a flush tells that a heartbeat
 * names exactly the stored set with one conditional UPDATE, without reading the processes. Two different sets
 * collide with a chance of about 2^-64 per comparison; an agent that crafted a collision would only get the
 * liveness of its own processes wrong, which it can do anyway by pinging them.
 */
public record MemberDigest(int count, long hash) {

    /** Stored for an agent whose held set changed outside a heartbeat: never equal to a heartbeat's digest. */
    public static final MemberDigest UNKNOWN = new MemberDigest(-1, 0);

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long EBPF_SALT = 0x9e3779b97f4a7c15L;

    public static MemberDigest of(Iterable<SightedProcess> processes) {
        int count = 0;
        long hash = 0;
        for (SightedProcess process : processes) {
            count++;
            hash += hash(process.id(), process.ebpfSupported());
        }
        return new MemberDigest(count, hash);
    }

    /** The digest of members given as id → eBPF flag. */
    public static MemberDigest ofFlags(Map<String, Boolean> members) {
        long hash = 0;
        for (Map.Entry<String, Boolean> member : members.entrySet()) {
            hash += hash(member.getKey(), member.getValue());
        }
        return new MemberDigest(members.size(), hash);
    }

    static long hash(String id, boolean ebpfSupported) {
        long h = sha256Prefix(id);
        if (h == 0) {
            h = fnv(id);
        }
        if (ebpfSupported) {
            h ^= EBPF_SALT;
        }
        // A murmur3 finaliser spreads every bit over the sum (FNV alone mixes its last characters poorly).
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /**
     * A process id is the hex of a SHA-256 ({@link Ids}): its first 16 digits are already a uniform 64-bit hash.
     * Hashing all 64 characters again was a third of the heartbeat flush's CPU at 10 000 agents (JFR, BENCHMARKS.md).
     * 0 for any other id.
     */
    private static long sha256Prefix(String id) {
        if (id.length() != 64) {
            return 0;
        }
        long h = 0;
        for (int i = 0; i < 16; i++) {
            int digit = Character.digit(id.charAt(i), 16);
            if (digit < 0) {
                return 0;
            }
            h = (h << 4) | digit;
        }
        return h;
    }

    private static long fnv(String id) {
        long h = FNV_OFFSET;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * FNV_PRIME;
        }
        return h;
    }
}
