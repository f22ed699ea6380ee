package dev.stoa.agent.api.rest;

import dev.stoa.agent.api.rest.ProviderRequests.NewCatalogModel;
import dev.stoa.agent.api.rest.ProviderRequests.RegisterProvider;
import dev.stoa.agent.api.rest.ProviderViews.CatalogModelView;
import dev.stoa.agent.api.rest.ProviderViews.ProbeView;
import dev.stoa.agent.api.rest.ProviderViews.ProviderView;
import dev.stoa.agent.domain.CatalogService;
import dev.stoa.agent.domain.CatalogService.NewModel;
import dev.stoa.agent.domain.ProviderService;
import dev.stoa.agent.domain.model.CatalogModel;
import dev.stoa.agent.domain.model.Provider;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.providers.ProviderKind;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import dev.stoa.web.validation.OneOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Providers group: BYOK providers (keys never shown again) and the model catalog. */
@RestController
@RequestMapping("/api/v1/providers")
@Tag(name = "Providers")
public class ProviderController {
    private final ProviderService providers;
    private final CatalogService catalog;

    public ProviderController(ProviderService providers, CatalogService catalog) {
        this.providers = providers;
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(operationId = "listProviders", summary = "List providers (keys show as a last-4 preview only).")
    public PageResponse<ProviderView> list(
            Principal principal,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(
                providers.list(principal, PageRequest.of(limit, cursor)).map(ProviderView::of));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "registerProvider",
            summary = "Register a provider (admin). The key is sealed at rest and never returned.")
    @ProblemResponse(status = 409, description = "provider_name_taken: the org already has a provider with this name.")
    public ResponseEntity<ProviderView> register(Principal principal, @Valid @RequestBody RegisterProvider body) {
        Provider provider = providers.register(principal, body.name(), body.kind(), body.baseUrl(), body.apiKey());
        return ResponseEntity.created(URI.create("/api/v1/providers/" + provider.id()))
                .body(ProviderView.of(provider));
    }

    @GetMapping("/{provider_id}")
    @Operation(operationId = "getProvider", summary = "Get a provider.")
    public ProviderView get(Principal principal, @PathVariable("provider_id") String providerId) {
        return ProviderView.of(providers.get(principal, providerId));
    }

    @DeleteMapping("/{provider_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteProvider",
            summary = "Remove a provider (admin); 409 provider_in_use while a tier or an agent uses it.")
    @ProblemResponse(status = 409, description = "provider_in_use: a tier or an agent uses this provider.")
    public void delete(Principal principal, @PathVariable("provider_id") String providerId) {
        providers.delete(principal, providerId);
    }

    @PostMapping("/{provider_id}/test")
    @Operation(
            operationId = "testProvider",
            summary = "Test a provider (admin): a real call with its key. 422 provider_auth_failed or "
                    + "provider_unreachable when it fails.")
    @ProblemResponse(
            status = 422,
            description = "provider_auth_failed, provider_unreachable, provider_timeout, provider_rate_limited or "
                    + "another provider_* code: the provider refused or did not answer the probe.")
    public ProbeView test(Principal principal, @PathVariable("provider_id") String providerId) {
        return ProbeView.of(providers.test(principal, providerId));
    }

    @GetMapping("/catalog")
    @Operation(
            operationId = "listCatalogModels",
            summary = "The model catalog: built-in models merged with the org's own entries.")
    public PageResponse<CatalogModelView> catalog(
            Principal principal,
            @RequestParam(name = "provider_kind", required = false) @Nullable @OneOf(of = ProviderKind.class)
                    String kind) {
        return PageResponse.of(new Page<CatalogModel>(catalog.list(principal, kind), null).map(CatalogModelView::of));
    }

    @PostMapping("/catalog")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "addCatalogModel",
            summary = "Add a model to the org's catalog (admin); it overrides a built-in entry of that model.")
    @ProblemResponse(
            status = 409,
            description = "model_exists: the org already defines this model; catalog_full: the org has too many.")
    public CatalogModelView addModel(Principal principal, @Valid @RequestBody NewCatalogModel body) {
        return CatalogModelView.of(catalog.add(
                principal,
                new NewModel(
                        body.providerKind(),
                        body.model(),
                        body.displayName(),
                        body.contextWindow(),
                        body.inputPricePerMtokUsd(),
                        body.outputPricePerMtokUsd(),
                        !Boolean.FALSE.equals(body.supportsTools()),
                        !Boolean.FALSE.equals(body.supportsStreaming()))));
    }

    @DeleteMapping("/catalog/{model_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteCatalogModel",
            summary = "Remove one of the org's catalog entries (admin); built-in entries cannot be removed.")
    public void deleteModel(Principal principal, @PathVariable("model_id") String modelId) {
        catalog.delete(principal, modelId);
    }
}
