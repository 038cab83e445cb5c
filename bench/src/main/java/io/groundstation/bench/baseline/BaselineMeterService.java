package io.groundstation.bench.baseline;

import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.language.agent.v3.MeterData;
import org.apache.skywalking.apm.network.language.agent.v3.MeterDataCollection;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;

/** Drains the meter streams Rover sends once policies exist. */
final class BaselineMeterService extends MeterReportServiceGrpc.MeterReportServiceImplBase {

    @Override
    public StreamObserver<MeterData> collect(StreamObserver<Commands> responseObserver) {
        return new DrainingStream<>(responseObserver);
    }

    @Override
    public StreamObserver<MeterDataCollection> collectBatch(StreamObserver<Commands> responseObserver) {
        return new DrainingStream<>(responseObserver);
    }
}
