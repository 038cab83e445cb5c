package io.groundstation.network;

/**
 * A filter and page over a task's samples; null filters match everything. {@code uri} matches a part of the uri,
 * {@code from}/{@code to} bound the sample time [from, to).
 */
public record SampleQuery(String reason, String uri, Integer status, Long from, Long to, int offset, int limit) {
}
