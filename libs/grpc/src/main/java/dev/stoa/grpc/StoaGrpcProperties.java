package dev.stoa.grpc;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * gRPC conventions of a Stoa service ({@code stoa.grpc.*}).
 *
 * @param publicMethods full method names served without a token, e.g.
 *     {@code stoa.identity.v1.IdentityService/IssueServiceToken}
 * @param client outgoing call defaults
 * @param serviceCredential this service's own credential, used when a call has no caller token to propagate
 */
@ConfigurationProperties("stoa.grpc")
public record StoaGrpcProperties(
        @DefaultValue List<String> publicMethods,
        @DefaultValue Client client,
        @DefaultValue ServiceCredential serviceCredential) {

    public StoaGrpcProperties {
        publicMethods = List.copyOf(publicMethods);
    }

    /** {@code stoa.grpc.client.*}: the deadline applied to calls that set none. */
    public record Client(@DefaultValue("5s") Duration defaultDeadline) {}

    /**
     * {@code stoa.grpc.service-credential.*}: exchanged at identity-service for a service token.
     *
     * @param channel the Spring gRPC channel reaching identity-service
     *     ({@code spring.grpc.client.channel.<channel>.target})
     */
    public record ServiceCredential(
            @Nullable String clientId,
            @Nullable String clientSecret,
            @DefaultValue("identity") String channel) {

        @Override
        public String toString() {
            return "ServiceCredential[clientId=" + clientId + ", channel=" + channel + "]";
        }
    }
}
