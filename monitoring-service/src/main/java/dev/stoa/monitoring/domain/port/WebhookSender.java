package dev.stoa.monitoring.domain.port;

import java.util.Map;

/** POSTs a webhook's JSON body to its URL through the platform's SSRF policy. */
public interface WebhookSender {
    /** Never throws for a failed call: the outcome says what happened. */
    Outcome post(String url, Map<String, String> headers, String body);

    /**
     * What one attempt got: an HTTP status (0 when no response came) and, when it failed, why (never the body or
     * the headers).
     */
    record Outcome(int statusCode, String error) {
        public boolean success() {
            return statusCode >= 200 && statusCode < 300;
        }
    }
}
