package io.groundstation.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChunksTest {

    @Test
    void consecutiveViewsOfAtMostTheSizeCoverTheListOnce() {
        assertThat(Chunks.of(List.of(1, 2, 3, 4, 5), 2)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
        assertThat(Chunks.of(List.of(1, 2), 2)).containsExactly(List.of(1, 2));
        assertThat(Chunks.of(List.of(), 2)).isEmpty();
    }
}
