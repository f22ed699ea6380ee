package dev.stoa.providers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates {@link ModelProvider}s. Providers are cached per (endpoint, settings), so repeated calls share one HTTP
 * connection pool and, more importantly, one circuit breaker per endpoint. The least recently used are dropped past
 * {@value #MAX_CACHED} endpoints; their clients close once unreferenced.
 */
public final class ProviderClients {
    static final int MAX_CACHED = 512;

    private static final Map<Key, ModelProvider> CACHE =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, ModelProvider> eldest) {
                    return size() > MAX_CACHED;
                }
            });

    private ProviderClients() {}

    /** The provider for this endpoint. Does not check the base URL: call {@link BaseUrlPolicy#check} first. */
    public static ModelProvider create(ProviderEndpoint endpoint, ProviderSettings settings) {
        return CACHE.computeIfAbsent(new Key(endpoint, settings), ProviderClients::build);
    }

    public static ModelProvider create(ProviderEndpoint endpoint) {
        return create(endpoint, ProviderSettings.defaults());
    }

    private static ModelProvider build(Key key) {
        ProviderEndpoint endpoint = key.endpoint();
        // The breaker's name shows up in metrics and logs: kind and URL only, never the key.
        Resilience resilience = new Resilience(endpoint.kind().wire() + " " + endpoint.baseUrl(), key.settings());
        return endpoint.kind().openAiProtocol()
                ? new OpenAiProvider(endpoint, key.settings(), resilience)
                : new AnthropicProvider(endpoint, key.settings(), resilience);
    }

    private record Key(ProviderEndpoint endpoint, ProviderSettings settings) {}
}
