package io.groundstation.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent's poll: its holdings without URI-filter variants, and a digest that only the holdings decide. */
class AgentPollTest {

    @Test
    void theDigestIsTheSameInAnyOrderAndDiffersWithAnyHolding() {
        AgentPoll one = AgentPoll.of("agent", List.of(new HeldPolicy("shop", "abc-v2"), new HeldPolicy("cart", "")),
                1, null);
        AgentPoll reordered = AgentPoll.of("agent", List.of(new HeldPolicy("cart", ""), new HeldPolicy("shop", "abc")),
                2, null);
        AgentPoll otherVersion = AgentPoll.of("agent", List.of(new HeldPolicy("shop", "abd"),
                new HeldPolicy("cart", "")), 3, null);
        AgentPoll swapped = AgentPoll.of("agent", List.of(new HeldPolicy("abc", "shop"), new HeldPolicy("cart", "")),
                4, null);

        assertThat(one.holds()).isEqualTo(Map.of("shop", "abc", "cart", ""));
        assertThat(reordered.count()).isEqualTo(2);
        assertThat(reordered.hash()).isEqualTo(one.hash());
        assertThat(otherVersion.hash()).isNotEqualTo(one.hash());
        assertThat(swapped.hash()).as("service and version are not interchangeable").isNotEqualTo(one.hash());
    }

    @Test
    void theSameHoldingsAgainReuseThePreviousOnesAtTheNewTime() {
        List<HeldPolicy> held = List.of(new HeldPolicy("shop", "abc"));
        AgentPoll first = AgentPoll.of("agent", held, 1, null);

        AgentPoll again = AgentPoll.of("agent", List.of(new HeldPolicy("shop", "abc-v1")), 2, first);
        AgentPoll changed = AgentPoll.of("agent", List.of(new HeldPolicy("shop", "abd")), 3, again);

        assertThat(again.holds()).isSameAs(first.holds());
        assertThat(again.polledAt()).isEqualTo(2);
        assertThat(changed.holds()).isEqualTo(Map.of("shop", "abd"));
        assertThat(changed.sameHoldings(again)).isFalse();
    }
}
