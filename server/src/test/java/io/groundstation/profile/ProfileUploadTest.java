package io.groundstation.profile;

import io.groundstation.task.ProfilingTarget;
import io.groundstation.task.ProfilingTask;
import io.groundstation.task.TriggerType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How one upload stream is read and summed: ProfileUpload on an in-memory store. */
class ProfileUploadTest {

    private static final long SLICE = 10_000;
    private static final long T0 = 1_800_000_000_000L;

    /** The store's side of the port that uploads use: what was added, batch by batch. */
    private final List<Map<SliceKey, SampleCounts>> batches = new ArrayList<>();
    private final ProfileStore store = new ProfileStore() {
        @Override
        public void add(Map<SliceKey, SampleCounts> counts) {
            batches.add(counts);
        }

        @Override
        public List<StackTotal> totals(String taskId, String processId, Long from, Long to) {
            throw new UnsupportedOperationException("uploads only add");
        }

        @Override
        public Map<String, List<ProcessData>> dataOf(List<String> taskIds) {
            throw new UnsupportedOperationException("uploads only add");
        }

        @Override
        public int deleteSamplesOf(List<String> taskIds) {
            throw new UnsupportedOperationException("uploads only add");
        }

        @Override
        public int deleteUnusedStacks() {
            throw new UnsupportedOperationException("uploads only add");
        }
    };
    private final Map<String, ProfilingTask> tasks = Map.of(
            "t1", task("t1", "p1", "p2"),
            "t2", task("t2", "p3"));
    private final ProfileUpload upload = new ProfileUpload(store, id -> Optional.ofNullable(tasks.get(id)), SLICE);

    private static ProfilingTask task(String id, String... processIds) {
        return new ProfilingTask(id, TriggerType.FIXED_TIME, ProfilingTarget.ON_CPU, "shop", "shop-0", null,
                List.of(processIds), T0, 60, T0, T0, List.of(), "", List.of(), 0, null, null, id, List.of());
    }

    private static UploadedSample first(String task, String process, long time, String... userFramesLeafFirst) {
        return new UploadedSample(new UploadedSample.Metadata(task, process, time), stack(userFramesLeafFirst),
                new SampleCounts(1, 0, 0));
    }

    private static UploadedSample next(String... userFramesLeafFirst) {
        return new UploadedSample(null, stack(userFramesLeafFirst), new SampleCounts(1, 0, 0));
    }

    private static List<UploadedSample.RawStack> stack(String... userFramesLeafFirst) {
        return List.of(new UploadedSample.RawStack(false, List.of(userFramesLeafFirst)));
    }

    private Map<SliceKey, SampleCounts> stored() {
        Map<SliceKey, SampleCounts> all = new HashMap<>();
        batches.forEach(batch -> batch.forEach((key, counts) -> all.merge(key, counts, SampleCounts::plus)));
        return all;
    }

    private static SliceKey key(String task, String process, long slice, String... framesRootFirst) {
        return new SliceKey(task, process, slice, new Stack(List.of(framesRootFirst), 0));
    }

    @Test
    void messagesWithoutMetadataBelongToTheLastSeenAndCountsAreSummedPerSlice() {
        upload.accept(first("t1", "p1", T0 + 1_000, "work", "main"));
        upload.accept(next("work", "main"));
        upload.accept(first("t1", "p1", T0 + SLICE + 1, "work", "main"));
        upload.accept(first("t2", "p3", T0 + 2_000, "gc"));
        upload.accept(next("gc"));

        UploadResult result = upload.finish();

        assertThat(result.accepted()).isEqualTo(5);
        assertThat(result.refused()).isZero();
        assertThat(stored()).containsOnly(
                Map.entry(key("t1", "p1", T0, "main", "work"), new SampleCounts(2, 0, 0)),
                Map.entry(key("t1", "p1", T0 + SLICE, "main", "work"), new SampleCounts(1, 0, 0)),
                Map.entry(key("t2", "p3", T0, "gc"), new SampleCounts(2, 0, 0)));
        assertThat(batches).as("written once, at the end of the stream").hasSize(1);
    }

    @Test
    void whatCannotBePlacedIsRefusedWithItsReasonAndNeverStoredUnderAnotherTask() {
        upload.accept(next("orphan"));
        upload.accept(first("t1", "p1", T0, "ok"));
        upload.accept(first("gone", "p1", T0, "lost"));
        upload.accept(next("lost"));
        upload.accept(first("t1", "p3", T0, "elsewhere"));
        upload.accept(next("elsewhere"));
        upload.accept(next("elsewhere"));

        UploadResult result = upload.finish();

        assertThat(result).isEqualTo(new UploadResult(1, 2, 1, 3));
        assertThat(stored()).containsOnlyKeys(key("t1", "p1", T0, "ok"));
    }

    @Test
    void aStreamWithNothingInItWritesNothing() {
        assertThat(upload.finish()).isEqualTo(new UploadResult(0, 0, 0, 0));
        assertThat(batches).isEmpty();
    }

    @Test
    void aLongStreamIsWrittenInBoundedBatches() {
        upload.accept(first("t1", "p1", T0, "f0"));
        for (int i = 1; i < ProfileUpload.MAX_PENDING_KEYS + 5; i++) {
            upload.accept(next("f" + i));
        }
        assertThat(batches).as("written once the pending keys reach the bound, not held to the end").hasSize(1);
        assertThat(batches.get(0)).hasSize(ProfileUpload.MAX_PENDING_KEYS);

        upload.finish();
        assertThat(batches).hasSize(2);
        assertThat(stored()).hasSize(ProfileUpload.MAX_PENDING_KEYS + 5);
    }

    @Test
    void kernelFramesFollowUserFramesRootFirst() {
        upload.accept(new UploadedSample(new UploadedSample.Metadata("t1", "p1", T0), List.of(
                new UploadedSample.RawStack(true, List.of("do_sys_read", "entry_SYSCALL")),
                new UploadedSample.RawStack(false, List.of("read", "main"))), new SampleCounts(1, 0, 0)));
        upload.finish();

        assertThat(stored()).containsOnlyKeys(new SliceKey("t1", "p1", T0,
                new Stack(List.of("main", "read", "entry_SYSCALL", "do_sys_read"), 2)));
    }
}
