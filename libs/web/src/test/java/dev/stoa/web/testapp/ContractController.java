package dev.stoa.web.testapp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.validation.JsonObject;
import dev.stoa.web.validation.OneOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Endpoints whose OpenAPI document shows each rule of the contract (snake_case, nullness, enums, free-form JSON). */
@RestController
@RequestMapping("/widgets/{widget_id}")
@Tag(name = "Widgets")
public class ContractController {

    /** A request: every kind of constraint the document must show. */
    public record ChangeWidget(
            @NotBlank @Size(max = 20) String displayName,
            @Nullable @OneOf(of = Role.class) String role,
            @Nullable @OneOf(ints = {30, 60}) Integer expiresInDays,
            @NotNull @Size(min = 1) List<@OneOf({"a:read", "a:write"}) String> scopes,
            @Nullable @JsonObject JsonNode settings,
            @Nullable JsonNode anything,
            @Nullable @Pattern(regexp = "[a-z]{2,5}") String slug) {}

    /** A response: raw JSON text, optional and omitted-when-empty fields. */
    public record Widget(
            String widgetId,
            @Nullable String note,
            @JsonRawValue String settings,
            @JsonRawValue @JsonObject String metadata,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags) {}

    @PatchMapping
    @Operation(operationId = "changeWidget", summary = "Change a widget.")
    @ProblemResponse(status = 409, description = "version_conflict: the widget changed meanwhile.")
    public Widget change(
            Principal principal, @PathVariable("widget_id") String widgetId, @Valid @RequestBody ChangeWidget body) {
        return new Widget(
                widgetId,
                null,
                body.settings() == null ? "{}" : body.settings().toString(),
                "{\"by\":\"" + principal.subject() + "\"}",
                List.of());
    }

    @GetMapping
    @Operation(operationId = "getWidget", summary = "Get a widget.")
    public Widget get(
            @PathVariable("widget_id") String widgetId,
            @RequestParam(required = false) @Nullable @OneOf(of = Role.class) String role) {
        return new Widget(widgetId, role, "[1]", "{}", List.of("x"));
    }
}
