package io.groundstation.profile;

import io.groundstation.protocol.pprof.Function;
import io.groundstation.protocol.pprof.Line;
import io.groundstation.protocol.pprof.Location;
import io.groundstation.protocol.pprof.Profile;
import io.groundstation.protocol.pprof.Sample;
import io.groundstation.protocol.pprof.ValueType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A gzipped pprof profile (perftools.profiles.Profile), as go tool pprof, Pyroscope and speedscope open it. On-CPU
 * samples are counted as {@code samples/count}; off-CPU as {@code switches/count} and
 * {@code off_cpu_time/nanoseconds}. Kernel frames are marked by the file name "[kernel]".
 */
final class PprofExport {

    private final Profile.Builder profile = Profile.newBuilder();
    private final Map<String, Long> strings = new HashMap<>();
    private final Map<String, Long> functions = new HashMap<>();

    private PprofExport() {
        string("");
    }

    static byte[] of(List<StackTotal> totals, boolean offCpu, long startMillis, long durationMillis) {
        return new PprofExport().build(totals, offCpu, startMillis, durationMillis);
    }

    private byte[] build(List<StackTotal> totals, boolean offCpu, long startMillis, long durationMillis) {
        if (offCpu) {
            profile.addSampleType(valueType("switches", "count"))
                    .addSampleType(valueType("off_cpu_time", "nanoseconds"))
                    .setDefaultSampleType(string("off_cpu_time"));
        } else {
            profile.addSampleType(valueType("samples", "count"));
        }
        profile.setTimeNanos(startMillis * 1_000_000).setDurationNanos(durationMillis * 1_000_000);
        for (StackTotal total : totals) {
            List<String> frames = total.stack().frames();
            int firstKernel = frames.size() - total.stack().kernelFrames();
            Sample.Builder sample = Sample.newBuilder();
            for (int i = frames.size() - 1; i >= 0; i--) {
                sample.addLocationId(location(frames.get(i), i >= firstKernel));
            }
            if (offCpu) {
                sample.addValue(total.counts().switches()).addValue(total.counts().durationNs());
            } else {
                sample.addValue(total.counts().samples());
            }
            profile.addSample(sample);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            profile.build().writeTo(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** One location per distinct frame, each with one line naming its function; their ids are the same. */
    private long location(String name, boolean kernel) {
        return functions.computeIfAbsent((kernel ? "k:" : "u:") + name, key -> {
            long id = functions.size() + 1L;
            profile.addFunction(Function.newBuilder().setId(id).setName(string(name)).setSystemName(string(name))
                    .setFilename(string(kernel ? "[kernel]" : "")));
            profile.addLocation(Location.newBuilder().setId(id).addLine(Line.newBuilder().setFunctionId(id)));
            return id;
        });
    }

    private ValueType valueType(String type, String unit) {
        return ValueType.newBuilder().setType(string(type)).setUnit(string(unit)).build();
    }

    private long string(String text) {
        return strings.computeIfAbsent(text, key -> {
            profile.addStringTable(key);
            return (long) profile.getStringTableCount() - 1;
        });
    }
}
