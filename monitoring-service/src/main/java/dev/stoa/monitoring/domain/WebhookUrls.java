package dev.stoa.monitoring.domain;

import dev.stoa.common.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Which URLs a webhook may have: https (http only where allowed) and addresses the SSRF policy admits. */
final class WebhookUrls {
    private WebhookUrls() {}

    /** The trimmed URL, or {@code InvalidInputException("url", ...)}. */
    static String check(String url, WebhookSettings settings) {
        String trimmed = url.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(settings.allowInsecure() && scheme.equals("http"))) {
            throw new InvalidInputException("url", "must be an https URL");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInputException("url", "must not have a fragment");
        }
        // resolves the host now: every address must be admitted (delivery checks the addresses again)
        settings.policy().checkUrl(trimmed, "url");
        return trimmed;
    }
}
