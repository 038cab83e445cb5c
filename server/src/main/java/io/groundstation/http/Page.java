package io.groundstation.http;

import java.util.List;

/** One page of a listing, with the total so clients can page. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
}
