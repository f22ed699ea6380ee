package dev.stoa.chat.provider;

import dev.stoa.chat.domain.model.ModelTarget;
import dev.stoa.chat.domain.port.ModelGateway;
import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.providers.BaseUrlPolicy;
import dev.stoa.providers.ChatEvent;
import dev.stoa.providers.ChatRequest;
import dev.stoa.providers.ChatStream;
import dev.stoa.providers.ProviderClients;
import dev.stoa.providers.ProviderEndpoint;
import dev.stoa.providers.ProviderSettings;
import java.util.Iterator;

/**
 * {@link ModelGateway} on libs/providers: one shared client (and circuit breaker) per endpoint, retries before the
 * first token. The base URL is checked again here (agent-service checked it when the provider was registered, but a
 * name may resolve elsewhere by now).
 */
public final class ProviderLayerModels implements ModelGateway {
    private final OutboundPolicy outbound;
    private final ProviderSettings settings;

    /** @param outbound where models may be (loopback for Ollama or the fake provider; private networks) */
    public ProviderLayerModels(OutboundPolicy outbound) {
        this.outbound = outbound;
        this.settings = ProviderSettings.defaults().withOutbound(outbound);
    }

    @Override
    public ModelStream open(ModelTarget target, ChatRequest request) {
        ProviderEndpoint endpoint = ProviderEndpoint.of(target.kind(), target.baseUrl(), target.apiKey());
        BaseUrlPolicy.check(endpoint.baseUrl(), outbound);
        // the client vets every address again when it connects (DNS rebinding) and follows no redirects
        ChatStream stream = ProviderClients.create(endpoint, settings).stream(request);
        return new ModelStream() {
            @Override
            public Iterator<ChatEvent> iterator() {
                return stream.iterator();
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }
}
