package dev.stoa.providers;

import org.jspecify.annotations.Nullable;

/**
 * Where and as whom to call a provider. A blank base URL means the kind's default. The API key never appears in
 * {@link #toString()}; keyless local servers (Ollama, llama.cpp) take an empty key.
 */
public record ProviderEndpoint(ProviderKind kind, String baseUrl, String apiKey) {
    public ProviderEndpoint {
        if (baseUrl.isBlank()) {
            String fallback = kind.defaultBaseUrl();
            if (fallback == null) {
                throw new IllegalArgumentException(kind.wire() + " needs a base URL");
            }
            baseUrl = fallback;
        }
        baseUrl = stripTrailingSlash(baseUrl.trim());
    }

    /** The endpoint at the kind's default base URL. */
    public static ProviderEndpoint of(ProviderKind kind, @Nullable String baseUrl, String apiKey) {
        return new ProviderEndpoint(kind, baseUrl == null ? "" : baseUrl, apiKey);
    }

    @Override
    public String toString() {
        return "ProviderEndpoint[kind=" + kind.wire() + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey.isEmpty() ? "" : "***") + "]";
    }

    private static String stripTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
