package io.groundstation.testing.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the openssl command: a CA, a server certificate for 127.0.0.1, a client certificate
 * from that CA and one from an unrelated CA.
 */
public record Certificates(Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
                           Path strangerCert, Path strangerKey) {

    public static Certificates create(Path dir) {
        run(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test-ca",
                "-keyout", "ca.key", "-out", "ca.pem");
        run(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=stranger-ca",
                "-keyout", "stranger-ca.key", "-out", "stranger-ca.pem");
        issue(dir, "server", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        issue(dir, "client", "ca", "extendedKeyUsage=clientAuth");
        issue(dir, "stranger", "stranger-ca", "extendedKeyUsage=clientAuth");
        return new Certificates(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
                dir.resolve("client.pem"), dir.resolve("client.key"), dir.resolve("stranger.pem"),
                dir.resolve("stranger.key"));
    }

    private static void issue(Path dir, String name, String ca, String extension) {
        run(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", name + ".key.rsa",
                "-out", name + ".csr");
        // gRPC's Netty wants PKCS#8 keys.
        run(dir, "pkcs8", "-topk8", "-nocrypt", "-in", name + ".key.rsa", "-out", name + ".key");
        try {
            Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        run(dir, "x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-CAcreateserial", "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private static void run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + command + "\n"
                        + Files.readString(dir.resolve("openssl.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the TLS tests need the openssl command", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
