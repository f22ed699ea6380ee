package dev.stoa.agent.domain.port;

import dev.stoa.agent.domain.model.ProbeOutcome;
import dev.stoa.agent.domain.model.ProviderCredential;

/** The provider layer as agent-service uses it: vetting base URLs and probing a provider with its key. */
public interface ProviderGateway {

    /** Refuses a base URL that is malformed or points where providers must not (metadata, private networks). */
    void checkBaseUrl(String baseUrl);

    /**
     * Calls the provider with the key and reports what it answered. Fails with a {@code 4xx} problem:
     * {@code provider_auth_failed} for a refused key, {@code provider_unreachable} when nothing answers.
     */
    ProbeOutcome probe(ProviderCredential credential);
}
