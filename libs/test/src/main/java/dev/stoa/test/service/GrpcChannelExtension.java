package dev.stoa.test.service;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a {@link StoaServiceTest} a {@link ManagedChannel} to the service's in-process gRPC server: one per test
 * class, shut down after it. {@link #bearer} authenticates calls with a token.
 */
public final class GrpcChannelExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(GrpcChannelExtension.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

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
        return classContext(context)
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        "channel:" + name,
                        key -> new Channel(InProcessChannelBuilder.forName(name)
                                .directExecutor()
                                .build()),
                        Channel.class)
                .channel();
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
    private record Channel(ManagedChannel channel) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
