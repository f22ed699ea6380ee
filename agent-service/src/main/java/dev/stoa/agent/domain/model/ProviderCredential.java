package dev.stoa.agent.domain.model;

/** A provider with its decrypted key, for probes and runtime configs only. Never log or serialize it. */
public record ProviderCredential(Provider provider, String baseUrl, String apiKey) {
    @Override
    public String toString() {
        return "ProviderCredential[provider=" + provider.id() + ", baseUrl=" + baseUrl + "]";
    }
}
