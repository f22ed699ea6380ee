package dev.stoa.agent.provider;

import dev.stoa.agent.config.AgentProperties;
import dev.stoa.agent.domain.model.ProbeOutcome;
import dev.stoa.agent.domain.model.ProviderCredential;
import dev.stoa.agent.domain.port.ProviderGateway;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.providers.BaseUrlPolicy;
import dev.stoa.providers.ProbeResult;
import dev.stoa.providers.ProviderClients;
import dev.stoa.providers.ProviderEndpoint;
import dev.stoa.providers.ProviderException;
import dev.stoa.providers.ProviderKind;
import dev.stoa.providers.ProviderSettings;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link ProviderGateway} over the shared provider layer ({@code dev.stoa.providers}). A failed probe is a 422 with
 * the provider layer's code: the request was fine, the provider (or its key) is not, and a 5xx would read as
 * agent-service being broken. Messages are ours, so nothing the provider echoed can reach the client.
 */
@Component
final class ProviderLayerGateway implements ProviderGateway {
    private static final Logger log = LoggerFactory.getLogger(ProviderLayerGateway.class);

    private final OutboundPolicy outbound;
    private final ProviderSettings settings;

    ProviderLayerGateway(AgentProperties properties) {
        this.outbound = properties.providers().outbound();
        this.settings = ProviderSettings.defaults().withOutbound(outbound);
        // say it once, so an operator sees which provider addresses tenants can make this service call
        log.info("provider calls may reach {}; checked at registration and at every connect", outbound.describe());
    }

    @Override
    public void checkBaseUrl(String baseUrl) {
        BaseUrlPolicy.check(baseUrl, outbound);
    }

    @Override
    public ProbeOutcome probe(ProviderCredential credential) {
        ProviderEndpoint endpoint = new ProviderEndpoint(
                ProviderKind.fromWire(credential.provider().kind()), credential.baseUrl(), credential.apiKey());
        try {
            ProbeResult result = ProviderClients.create(endpoint, settings).probe();
            return new ProbeOutcome(true, result.latencyMillis(), result.models());
        } catch (ProviderException e) {
            throw new StoaException(
                    ErrorKind.FAILED_PRECONDITION, e.code(), describe(e.code()), e.retryable(), List.of(), null);
        }
    }

    private static String describe(String code) {
        return switch (code) {
            case ProviderException.AUTH_FAILED -> "the provider rejected the API key";
            case ProviderException.UNREACHABLE -> "the provider could not be reached at its base URL";
            case ProviderException.TIMEOUT -> "the provider did not answer in time";
            case ProviderException.RATE_LIMITED -> "the provider is rate limiting this key";
            default -> "the provider test failed (" + code + ")";
        };
    }
}
