package dev.stoa.web.testapp;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints exercising each error mapping and the JSON conventions. */
@RestController
@Tag(name = "Things")
public class ThingController {

    /** A create request: nested list, camelCase Java names that the API spells in snake_case. */
    public record CreateThing(
            @NotBlank @Size(max = 10) @Nullable String displayName,
            @NotNull @Nullable Integer count,
            @Nullable Boolean active,
            @Nullable List<@Valid Item> items) {}

    public record Item(@NotBlank @Nullable String label) {}

    public record Thing(
            String id, String displayName, @Nullable String note, Instant createdAt) {}

    @PostMapping("/things")
    @Operation(operationId = "create")
    public ResponseEntity<Thing> create(@Valid @RequestBody CreateThing request) {
        Thing thing = new Thing("thg_1", request.displayName(), null, Instant.parse("2026-01-02T03:04:05Z"));
        return ResponseEntity.created(URI.create("/things/thg_1")).body(thing);
    }

    @GetMapping("/things")
    @Operation(operationId = "list")
    public PageResponse<Thing> list(
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        List<Thing> rows = List.of(
                new Thing("thg_1", "one", null, Instant.parse("2026-01-02T03:04:05Z")),
                new Thing("thg_2", "two", "n", Instant.parse("2026-01-02T03:04:06Z")));
        return PageResponse.of(Page.fromOverfetch(rows, page.limit(), Thing::id));
    }

    @GetMapping("/things/{number}")
    @Operation(operationId = "byNumber")
    public Map<String, Object> byNumber(@PathVariable long number) {
        throw new NotFoundException("thing", String.valueOf(number));
    }

    @GetMapping("/search")
    @Operation(operationId = "search")
    public Map<String, String> search(@RequestParam("q") @Size(max = 5) String query) {
        return Map.of("q", query);
    }

    @GetMapping("/me")
    @Operation(operationId = "me")
    public Map<String, Object> me(Principal principal) {
        return Map.of(
                "org_id",
                principal.orgId(),
                "subject",
                principal.subject(),
                "type",
                principal.tokenType().wire());
    }

    @PostMapping("/admin-only")
    @Operation(operationId = "adminOnly")
    public Map<String, String> adminOnly(Principal principal) {
        principal.requireRole(Role.ADMIN);
        return Map.of("ok", "yes");
    }

    @GetMapping("/boom")
    @Operation(operationId = "boom")
    public Map<String, String> boom() {
        throw new IllegalStateException("SELECT secret FROM credentials WHERE key = 'sk-live-123'");
    }

    @GetMapping("/public/ping")
    @Operation(operationId = "ping")
    public Map<String, String> ping() {
        return Map.of("pong", "yes");
    }
}
