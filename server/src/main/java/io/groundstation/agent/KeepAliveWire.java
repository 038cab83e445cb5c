package io.groundstation.agent;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;

import java.io.IOException;

/**
 * keepAlive on the wire: its request handed to the service as the bytes sent, so that a keep-alive equal to the
 * agent's last one is recognised without being parsed (registry/LastKeepAlives), and the one field read from the
 * bytes for that, the agent id.
 */
final class KeepAliveWire {

    private static final int AGENT_ID_TAG =
            EBPFProcessPingPkgList.EBPFAGENTID_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private KeepAliveWire() {
    }

    /** {@code service} with its keepAlive answered by {@code handler}, which is given the request's bytes. */
    static ServerServiceDefinition withRawKeepAlive(ServerServiceDefinition service,
                                                    ServerCalls.UnaryMethod<byte[], Commands> handler) {
        MethodDescriptor<EBPFProcessPingPkgList, Commands> generated = EBPFProcessServiceGrpc.getKeepAliveMethod();
        // Named, not built from the generated descriptor: that one insists on the generated method instances.
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(
                service.getServiceDescriptor().getName());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            if (!method.getMethodDescriptor().getFullMethodName().equals(generated.getFullMethodName())) {
                builder.addMethod(method);
            }
        }
        return builder.addMethod(generated.toBuilder(RawBytes.MARSHALLER, generated.getResponseMarshaller()).build(),
                ServerCalls.asyncUnaryCall(handler)).build();
    }

    /** The agent id a full parse of {@code request} would give (protobuf: the last occurrence of the field). */
    static String agentId(byte[] request) throws InvalidProtocolBufferException {
        CodedInputStream in = CodedInputStream.newInstance(request);
        String agentId = "";
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == AGENT_ID_TAG) {
                    agentId = in.readStringRequireUtf8();
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
        return agentId;
    }
}
