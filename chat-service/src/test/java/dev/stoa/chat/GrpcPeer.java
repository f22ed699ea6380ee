package dev.stoa.chat;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** A fake of one of chat's gRPC peers on a real socket, with chat's channel to that peer pointed at it. */
final class GrpcPeer {
    private static final Map<String, Server> SERVING = new ConcurrentHashMap<>();

    private GrpcPeer() {}

    /** As {@link #serve}, once per test JVM and channel (chat's context is shared by every IT of the JVM). */
    static void serveOnce(String channel, Supplier<BindableService> service) {
        SERVING.computeIfAbsent(channel, name -> serve(name, service.get()));
    }

    /** Serves {@code service} on a free port and sets {@code spring.grpc.client.channel.<channel>.target} to it. */
    static Server serve(String channel, BindableService service) {
        Server server;
        try {
            server = ServerBuilder.forPort(0).addService(service).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(
                "spring.grpc.client.channel." + channel + ".target", "static://127.0.0.1:" + server.getPort());
        return server;
    }
}
