package dev.stoa.test.service;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a {@link StoaServiceTest} a {@link ManagedChannel} to the service's in-process gRPC server: one per test
 * class, shut down after it. {@link #bearer} authenticates calls with a token. Every call without a deadline of its
 * own gets {@link #DEFAULT_DEADLINE}, so a server that never answers fails the test instead of hanging it.
 */
public final class GrpcChannelExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(GrpcChannelExtension.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** The deadline of test calls that set none. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    /** Gives calls without a deadline {@link #DEFAULT_DEADLINE}. */
    public static ClientInterceptor defaultDeadline() {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(
                    MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                CallOptions bounded = options.getDeadline() == null
                        ? options.withDeadlineAfter(DEFAULT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        : options;
                return next.newCall(method, bounded);
            }
        };
    }

    /** Sends {@code Authorization: Bearer <token>} with every call of a stub ({@code stub.withInterceptors(...)}). */
    public static ClientInterceptor bearer(String token) {
        Metadata metadata = new Metadata();
        metadata.put(AUTHORIZATION, "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(metadata);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ManagedChannel.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String name = ServiceTests.service(context)
                .getEnvironment()
                .getRequiredProperty(StoaServiceContextCustomizer.GRPC_NAME_PROPERTY);
        OpenChannel open = classContext(context)
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        "channel:" + name,
                        key -> new OpenChannel(InProcessChannelBuilder.forName(name)
                                .directExecutor()
                                .intercept(defaultDeadline())
                                .build()),
                        OpenChannel.class);
        return Objects.requireNonNull(open).channel();
    }

    /** The test class's context (a method's parent), whose store closes when the class is done. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** Shuts the channel down when the test class's store closes. */
    private record OpenChannel(ManagedChannel channel) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
