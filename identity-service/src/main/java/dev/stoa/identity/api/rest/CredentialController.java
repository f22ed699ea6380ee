package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.api.rest.CredentialViews.ApiKeyView;
import dev.stoa.identity.api.rest.CredentialViews.SdkConnectionView;
import dev.stoa.identity.domain.ApiKeyService;
import dev.stoa.identity.domain.SdkConnectionService;
import dev.stoa.identity.domain.model.ApiKey;
import dev.stoa.identity.domain.model.Revealed;
import dev.stoa.identity.domain.model.SdkConnection;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API keys and SDK connections of the org: secrets are shown once, at creation. */
@RestController
@RequestMapping("/api/v1/org")
@Tag(name = "Organization")
public class CredentialController {
    private final ApiKeyService apiKeys;
    private final SdkConnectionService sdkConnections;

    public CredentialController(ApiKeyService apiKeys, SdkConnectionService sdkConnections) {
        this.apiKeys = apiKeys;
        this.sdkConnections = sdkConnections;
    }

    @GetMapping("/api-keys")
    @Operation(operationId = "listApiKeys", summary = "List API keys (never their secrets).")
    public PageResponse<ApiKeyView> listApiKeys(
            Principal principal,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(
                apiKeys.list(principal, PageRequest.of(limit, cursor)).map(k -> ApiKeyView.of(k, null)));
    }

    @PostMapping("/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createApiKey", summary = "Create an API key; the key is in this response only.")
    public ApiKeyView createApiKey(Principal principal, @Valid @RequestBody CredentialRequests.CreateApiKey body) {
        Revealed<ApiKey> created = apiKeys.create(principal, body.name(), body.scopes(), body.expiresInDays());
        return ApiKeyView.of(created.record(), created.secret());
    }

    @DeleteMapping("/api-keys/{key_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key.")
    public void revokeApiKey(Principal principal, @PathVariable("key_id") String keyId) {
        apiKeys.revoke(principal, keyId);
    }

    @GetMapping("/sdk-connections")
    @Operation(operationId = "listSdkConnections", summary = "List SDK connections.")
    public PageResponse<SdkConnectionView> listSdkConnections(
            Principal principal,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(
                sdkConnections.list(principal, PageRequest.of(limit, cursor)).map(c -> SdkConnectionView.of(c, null)));
    }

    @PostMapping("/sdk-connections")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createSdkConnection",
            summary = "Create an SDK connection; its secret is in this response only.")
    public SdkConnectionView createSdkConnection(
            Principal principal, @Valid @RequestBody CredentialRequests.CreateSdkConnection body) {
        Revealed<SdkConnection> created = sdkConnections.create(principal, body.name());
        return SdkConnectionView.of(created.record(), created.secret());
    }

    @DeleteMapping("/sdk-connections/{connection_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeSdkConnection", summary = "Revoke an SDK connection.")
    public void revokeSdkConnection(Principal principal, @PathVariable("connection_id") String connectionId) {
        sdkConnections.revoke(principal, connectionId);
    }
}
