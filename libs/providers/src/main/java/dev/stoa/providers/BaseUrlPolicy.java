package dev.stoa.providers;

import dev.stoa.common.net.OutboundPolicy;

/**
 * SSRF guard for provider base URLs at registration ({@link OutboundPolicy#checkUrl}); the provider HTTP clients vet
 * every address again when they connect ({@link VettedHttp}).
 */
public final class BaseUrlPolicy {
    private BaseUrlPolicy() {}

    /** Throws {@code InvalidInputException("base_url", ...)} when the URL may not be called. */
    public static void check(String baseUrl, OutboundPolicy policy) {
        policy.checkUrl(baseUrl, "base_url");
    }

    /** {@link #check(String, OutboundPolicy)} with loopback and private networks both allowed or both refused. */
    public static void check(String baseUrl, boolean allowPrivateNetworks) {
        check(baseUrl, new OutboundPolicy(allowPrivateNetworks, allowPrivateNetworks));
    }
}
