package io.groundstation.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A list cut into consecutive views of at most {@code size} elements: IN lists within what every database takes,
 * transactions of a bounded size.
 */
final class Chunks {

    private Chunks() {
    }

    static <T> List<List<T>> of(List<T> list, int size) {
        List<List<T>> chunks = new ArrayList<>((list.size() + size - 1) / size);
        for (int i = 0; i < list.size(); i += size) {
            chunks.add(list.subList(i, Math.min(list.size(), i + size)));
        }
        return chunks;
    }
}
