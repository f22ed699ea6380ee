package dev.stoa.monitoring.api.rest;

import dev.stoa.monitoring.domain.model.WebhookEventType;
import dev.stoa.web.validation.OneOf;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Request bodies of the webhook endpoints; unknown fields are refused. */
public final class WebhookRequests {
    static final int URL_MAX = 2048;
    static final int DESCRIPTION_MAX = 500;
    static final int EVENT_TYPES_MAX = 6;

    private WebhookRequests() {}

    /** A new webhook; {@code enabled} defaults to true. */
    public record CreateWebhook(
            @Schema(description = "The https URL events are POSTed to.") @NotBlank @Size(max = URL_MAX)
            String url,

            @NotNull @Size(min = 1, max = EVENT_TYPES_MAX)
            List<@NotNull @OneOf(of = WebhookEventType.class) String> eventTypes,

            @Nullable @Size(max = DESCRIPTION_MAX) String description,
            @Nullable Boolean enabled) {}

    /** Changes to a webhook: only the fields given change; {@code enabled: true} re-enables a disabled one. */
    public record UpdateWebhook(
            @Nullable @Size(min = 1, max = URL_MAX) String url,

            @Nullable @Size(min = 1, max = EVENT_TYPES_MAX)
            List<@NotNull @OneOf(of = WebhookEventType.class) String> eventTypes,

            @Nullable Boolean enabled,
            @Nullable @Size(max = DESCRIPTION_MAX) String description) {}
}
