package dev.stoa.tools.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.tools.domain.McpTokens;
import dev.stoa.tools.domain.model.McpToken;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Personal access tokens of the MCP gateway ({@code stoa_pat_...}), bound to the org and some of its MCP endpoints:
 * members create, list and revoke their own (admins and owners every token of the org). The secret is returned once.
 */
@RestController
@RequestMapping("/api/v1/mcp-endpoints/tokens")
@Tag(name = "MCP endpoints admin")
public class McpTokenController {
    private final McpTokens tokens;

    public McpTokenController(McpTokens tokens) {
        this.tokens = tokens;
    }

    /** A new token: a name, the endpoints it opens, and how many days it lives (1 to 365). */
    public record CreateMcpToken(
            @NotNull @Size(min = 1, max = 64) String name,

            @NotNull @Size(min = 1, max = 32)
            List<@NotNull @Pattern(regexp = "^[a-zA-Z0-9_-]{1,40}$") String> endpointIds,

            @Nullable @Min(1) @Max(McpTokens.MAX_DAYS) Integer expiresInDays) {}

    /** A token, without its secret. */
    public record McpTokenView(
            String id,
            String name,
            List<String> endpointIds,
            String userId,
            OffsetDateTime createdAt,
            OffsetDateTime expiresAt,
            @Nullable OffsetDateTime revokedAt) {
        static McpTokenView of(McpToken t) {
            return new McpTokenView(
                    t.id(), t.name(), t.endpointIds(), t.userId(), t.createdAt(), t.expiresAt(), t.revokedAt());
        }
    }

    /**
     * A token just created.
     *
     * @param token the secret, {@code stoa_pat_...}: shown this once
     */
    public record CreatedMcpToken(McpTokenView tokenInfo, String token) {
        @Override
        public String toString() {
            return "CreatedMcpToken[" + tokenInfo.id() + "]";
        }
    }

    /** The caller's tokens. */
    public record McpTokenList(List<McpTokenView> data) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createMcpToken",
            summary = "Create a personal access token for MCP endpoints; its secret is returned this once.")
    public CreatedMcpToken create(Principal principal, @Valid @RequestBody CreateMcpToken body) {
        McpTokens.Created created = tokens.create(
                principal, body.name(), body.endpointIds(), body.expiresInDays() == null ? 90 : body.expiresInDays());
        return new CreatedMcpToken(McpTokenView.of(created.token()), created.secret());
    }

    @GetMapping
    @Operation(operationId = "listMcpTokens", summary = "List personal access tokens (without their secrets).")
    public McpTokenList list(Principal principal) {
        return new McpTokenList(
                tokens.list(principal).stream().map(McpTokenView::of).toList());
    }

    @DeleteMapping("/{token_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeMcpToken", summary = "Revoke a personal access token.")
    public void revoke(Principal principal, @PathVariable("token_id") String tokenId) {
        tokens.revoke(principal, tokenId);
    }
}
