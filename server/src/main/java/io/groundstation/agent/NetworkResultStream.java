package io.groundstation.agent;

import com.google.protobuf.MessageLite;
import io.groundstation.network.IntakeOutcome;
import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One kind of client stream that carries NETWORK results (protocol.md §8): every message is counted, the ones of
 * that kind are read into results and handed to {@code NetworkResults} in chunks, so a stream of large bodies is
 * never all held; a message that is of the kind but cannot be read counts as invalid.
 *
 * @param <M> the message the agent streams
 * @param <R> what {@code NetworkResults} takes of it
 */
final class NetworkResultStream<M extends MessageLite, R> {

    /** Results and bytes held before they are handed on. */
    private static final int CHUNK = 32;
    private static final long CHUNK_BYTES = 8L * 1024 * 1024;

    private final String service;
    private final String tallyStream;
    private final Predicate<M> ofTheKind;
    private final Function<M, R> read;
    private final Function<List<R>, IntakeOutcome> accept;
    private final NetworkTally networkTally;
    private final StreamTally tally;

    /**
     * @param service     the gRPC service name the messages are counted under
     * @param tallyStream the {@link NetworkTally} stream their outcomes are counted under
     * @param ofTheKind   whether a message carries a result at all (others are counted and dropped)
     * @param read        the result a message carries; null when it is not shaped as the protocol describes
     * @param accept      where the results go, a chunk at a time
     */
    NetworkResultStream(String service, String tallyStream, Predicate<M> ofTheKind, Function<M, R> read,
                        Function<List<R>, IntakeOutcome> accept, NetworkTally networkTally, StreamTally tally) {
        this.service = service;
        this.tallyStream = tallyStream;
        this.ofTheKind = ofTheKind;
        this.read = read;
        this.accept = accept;
        this.networkTally = networkTally;
        this.tally = tally;
    }

    StreamObserver<M> open(StreamObserver<Commands> out) {
        Chunk chunk = new Chunk();
        return new ClientStream<>("collect", out, AgentCommands.none(), message -> {
            tally.record(service, message);
            if (!ofTheKind.test(message)) {
                return;
            }
            R result = read.apply(message);
            if (result == null) {
                chunk.unreadable++;
                return;
            }
            chunk.results.add(result);
            chunk.bytes += message.getSerializedSize();
            if (chunk.results.size() >= CHUNK || chunk.bytes >= CHUNK_BYTES) {
                chunk.hand();
            }
        }, chunk::hand);
    }

    /** What one stream holds until it is handed on. */
    private final class Chunk {
        final List<R> results = new ArrayList<>();
        long bytes;
        int unreadable;

        void hand() {
            if (results.isEmpty() && unreadable == 0) {
                return;
            }
            IntakeOutcome outcome = results.isEmpty() ? new IntakeOutcome(0, 0, 0, 0, 0)
                    : accept.apply(List.copyOf(results));
            networkTally.record(tallyStream, new IntakeOutcome(outcome.stored(), outcome.unattributed(),
                    outcome.invalid() + unreadable, outcome.ignored(), outcome.capped()));
            results.clear();
            bytes = 0;
            unreadable = 0;
        }
    }
}
