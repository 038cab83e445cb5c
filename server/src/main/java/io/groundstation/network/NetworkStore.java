package io.groundstation.network;

import java.util.List;
import java.util.Map;

/** Storage port of what NETWORK tasks send back. */
public interface NetworkStore {

    /** Adds the batch's sums and bucket counts to what is stored under each key. */
    void addMeters(MeterBatch batch);

    /** Stores samples; one already stored under the same task, trace, process, detect point and reason stays. */
    void addSamples(List<Sample> samples);

    void addEvents(List<StoredEvent> events);

    /** Bytes of content stored so far per given task (tasks without any are absent). */
    Map<String, Long> contentBytes(List<String> taskIds);

    /** Per link, meter and code of a task: the sums over slices starting in [from, to) (null: unbounded). */
    List<LinkMeter> meters(String taskId, Long from, Long to);

    /** The links a task has meters of in slices starting in [from, to) (null: unbounded). */
    List<Link> links(String taskId, Long from, Long to);

    /** Per link, meter and bucket of a task: the counts over slices starting in [from, to). */
    List<LinkBucket> buckets(String taskId, Long from, Long to);

    List<Sample> samples(String taskId, SampleQuery query);

    long countSamples(String taskId, SampleQuery query);

    /** Every sample of one trace under a task, oldest first. */
    List<Sample> samplesOfTrace(String taskId, String traceId);

    /** The events of one trace under a task, by start time. */
    List<StoredEvent> eventsOfTrace(String taskId, String traceId);

    /** Deletes everything stored for these tasks; returns how many rows went. */
    int deleteOf(List<String> taskIds);

    /** A meter summed over slices. */
    record LinkMeter(Link link, String meter, String code, MeterTotal total) {
    }

    /** A histogram bucket summed over slices. */
    record LinkBucket(Link link, String meter, double bucket, long hits) {
    }
}
