package dev.stoa.monitoring.delivery;

import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.monitoring.domain.port.WebhookSender;
import dev.stoa.providers.VettedHttp;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends webhooks with the platform's vetted client: every address checked by the {@link OutboundPolicy} when resolved
 * and again when connected (a name that now resolves internally reaches nothing), no redirects, no proxy, one timeout
 * for the whole call. Only the status is read; the receiver's body is discarded.
 */
public final class OkHttpWebhookSender implements WebhookSender {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final String USER_AGENT = "Stoa-Webhooks/1";

    private final OkHttpClient client;

    public OkHttpWebhookSender(OutboundPolicy policy, Duration timeout) {
        this.client = VettedHttp.client(policy, new VettedHttp.Timeouts(timeout, timeout, timeout, timeout));
    }

    @Override
    public Outcome post(String url, Map<String, String> headers, String body) {
        Request.Builder request =
                new Request.Builder().url(url).header("User-Agent", USER_AGENT).post(RequestBody.create(body, JSON));
        headers.forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            int status = response.code();
            return new Outcome(status, status >= 200 && status < 300 ? "" : "HTTP " + status);
        } catch (IllegalArgumentException e) {
            return new Outcome(0, "the URL is not valid");
        } catch (UnknownHostException e) {
            // also what VettedHttp throws for a name resolving to a refused address; its message says which rule
            return new Outcome(0, "cannot reach the host: " + e.getMessage());
        } catch (VettedHttp.RefusedAddressException e) {
            return new Outcome(0, String.valueOf(e.getMessage()));
        } catch (InterruptedIOException e) {
            return new Outcome(0, "timed out");
        } catch (IOException e) {
            return new Outcome(0, "connection failed: " + e.getClass().getSimpleName());
        }
    }
}
