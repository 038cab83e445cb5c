package io.groundstation.bench;

import io.groundstation.bench.baseline.BaselineServices;
import io.groundstation.bench.cli.CommandLineArgs;
import io.groundstation.bench.cli.LoopbackAddress;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A server for the agent protocol that answers every call with the cheapest reply a Rover agent reads correctly and
 * stores nothing: the floor any real backend's cost is measured against.
 */
public final class BaselineServer implements AutoCloseable {

    private static final String HELP = """
            Usage: java -cp groundstation-bench.jar io.groundstation.bench.BaselineServer [options]

            Serves skywalking.v3 EBPFProcessService, ContinuousProfilingService, EBPFProfilingService,
            MeterReportService, LogReportService and SpanAttachedEventReportService with the cheapest valid
            replies and no storage.

              --host HOST     loopback address to bind (default 127.0.0.1; others are refused)
              --port N        port to listen on, 0 = any free port (default 11800)
              --token TOKEN   require this gRPC metadata 'authentication' value (default: none)
              --help          print this and exit

            Prints "listening on HOST:PORT pid PID" once ready; stops on SIGINT/SIGTERM.
            """;

    private final Server server;

    private BaselineServer(Server server) {
        this.server = server;
    }

    /** @param token the required {@code authentication} value, or {@code null} */
    public static BaselineServer start(InetAddress host, int port, String token) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                // every handler answers at once without blocking, so a thread hop would only add cost
                .directExecutor();
        for (ServerServiceDefinition service : BaselineServices.create(token)) {
            builder.addService(service);
        }
        return new BaselineServer(builder.build().start());
    }

    public int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
    }

    public static void main(String[] args) throws Exception {
        InetAddress host;
        int port;
        String token;
        try {
            CommandLineArgs options = CommandLineArgs.parse(args, Set.of("help"));
            if (options.flag("help")) {
                System.out.print(HELP);
                return;
            }
            host = LoopbackAddress.resolveLoopback(options.string("host", "127.0.0.1"));
            port = (int) options.integer("port", 11800, 0, 65535);
            token = options.string("token", null);
            options.rejectUnknown();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        BaselineServer baseline = start(host, port, token);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                baseline.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println("listening on " + host.getHostAddress() + ":" + baseline.port()
                + " pid " + ProcessHandle.current().pid());
        baseline.server.awaitTermination();
    }
}
