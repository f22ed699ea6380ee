package dev.stoa.monitoring.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.api.rest.WebhookRequests.CreateWebhook;
import dev.stoa.monitoring.api.rest.WebhookRequests.UpdateWebhook;
import dev.stoa.monitoring.api.rest.WebhookViews.DeliveryView;
import dev.stoa.monitoring.api.rest.WebhookViews.WebhookView;
import dev.stoa.monitoring.domain.WebhookService;
import dev.stoa.monitoring.domain.model.IssuedWebhook;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Webhooks group: HTTPS endpoints an org registers for platform events, signed deliveries and their log. Members
 * read (API keys: webhooks:read); admins and owners write (webhooks:write).
 */
@RestController
@Validated
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks")
public class WebhookController {
    private static final String URL_REFUSED =
            "The url is not https, does not resolve, or reaches a private, loopback, link-local or metadata address;"
                    + " an event type is unknown.";

    private final WebhookService webhooks;

    public WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    @Operation(operationId = "listWebhooks", summary = "List the org's webhook endpoints, newest first.")
    public PageResponse<WebhookView> list(
            Principal principal,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(
                webhooks.list(principal, PageRequest.of(limit, cursor)).map(WebhookView::of));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createWebhook",
            summary = "Register a webhook (admin). The response carries the signing secret, shown only this once.")
    @ProblemResponse(status = 400, description = URL_REFUSED)
    public ResponseEntity<WebhookView> create(Principal principal, @Valid @RequestBody CreateWebhook body) {
        IssuedWebhook issued = webhooks.create(
                principal, body.url(), body.eventTypes(), body.description(), body.enabled() == null || body.enabled());
        return ResponseEntity.created(
                        URI.create("/api/v1/webhooks/" + issued.webhook().id()))
                .body(WebhookView.issued(issued));
    }

    @GetMapping("/{webhook_id}")
    @Operation(operationId = "getWebhook", summary = "Get a webhook (never its secret).")
    public WebhookView get(Principal principal, @PathVariable("webhook_id") @Size(max = 40) String webhookId) {
        return WebhookView.of(webhooks.get(principal, webhookId));
    }

    @PatchMapping("/{webhook_id}")
    @Operation(
            operationId = "updateWebhook",
            summary = "Change a webhook's url, event types, description or enabled (admin); enabled true re-enables"
                    + " one that repeated failures disabled.")
    @ProblemResponse(status = 400, description = URL_REFUSED)
    public WebhookView update(
            Principal principal,
            @PathVariable("webhook_id") @Size(max = 40) String webhookId,
            @Valid @RequestBody UpdateWebhook body) {
        return WebhookView.of(webhooks.update(
                principal, webhookId, body.url(), body.eventTypes(), body.enabled(), body.description()));
    }

    @DeleteMapping("/{webhook_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook and its delivery log (admin).")
    public void delete(Principal principal, @PathVariable("webhook_id") @Size(max = 40) String webhookId) {
        webhooks.delete(principal, webhookId);
    }

    @PostMapping("/{webhook_id}/rotate-secret")
    @Operation(
            operationId = "rotateWebhookSecret",
            summary = "Replace the signing secret (admin); the new one signs every attempt from now on and is shown"
                    + " only in this response.")
    public WebhookView rotateSecret(Principal principal, @PathVariable("webhook_id") @Size(max = 40) String webhookId) {
        return WebhookView.issued(webhooks.rotateSecret(principal, webhookId));
    }

    @GetMapping("/{webhook_id}/deliveries")
    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "The webhook's delivery log, newest first: event, attempts, last status and error, next"
                    + " attempt.")
    public PageResponse<DeliveryView> deliveries(
            Principal principal,
            @PathVariable("webhook_id") @Size(max = 40) String webhookId,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(webhooks.deliveries(principal, webhookId, PageRequest.of(limit, cursor))
                .map(DeliveryView::of));
    }
}
