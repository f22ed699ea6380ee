package dev.stoa.grpc;

import dev.stoa.grpc.error.StoaGrpcExceptionHandler;
import dev.stoa.grpc.server.PlatformTokenServerInterceptor;
import dev.stoa.test.service.GrpcChannelExtension;
import io.grpc.BindableService;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.grpc.server.exception.GrpcExceptionHandlerInterceptor;

/**
 * An in-process server wired like a Stoa service: the exception interceptor outermost, then platform-token
 * authentication, then whatever the test records.
 */
public final class GrpcTestServer implements AutoCloseable {
    private final String name = InProcessServerBuilder.generateName();
    private final Server server;
    private final List<ManagedChannel> channels = new ArrayList<>();

    public GrpcTestServer(BindableService service, PlatformTokenServerInterceptor auth, ServerInterceptor... extra) {
        List<ServerInterceptor> interceptors = new ArrayList<>();
        interceptors.add(new GrpcExceptionHandlerInterceptor(new StoaGrpcExceptionHandler()));
        interceptors.addAll(List.of(extra));
        interceptors.add(auth);
        try {
            server = InProcessServerBuilder.forName(name)
                    .directExecutor()
                    .addService(ServerInterceptors.interceptForward(service, interceptors))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A channel to this server through the given client interceptors (first listed runs first). */
    public ManagedChannel channel(ClientInterceptor... interceptors) {
        List<ClientInterceptor> reversed = new ArrayList<>(List.of(interceptors)).reversed();
        reversed.addFirst(GrpcChannelExtension.defaultDeadline()); // runs last: only where nothing set a deadline
        ManagedChannel channel = InProcessChannelBuilder.forName(name)
                .directExecutor()
                .intercept(reversed)
                .build();
        channels.add(channel);
        return channel;
    }

    @Override
    public void close() throws InterruptedException {
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
