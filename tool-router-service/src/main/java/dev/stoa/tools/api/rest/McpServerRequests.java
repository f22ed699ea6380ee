package dev.stoa.tools.api.rest;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.tools.domain.McpServers.CredentialInput;
import dev.stoa.tools.domain.model.McpCredential;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Request bodies of the MCP servers endpoints; unknown fields are refused. */
public final class McpServerRequests {
    /**
     * A server's name: lowercase letters, digits and hyphens, at most 32, so that {@code <name>__<tool>} stays a tool
     * name for tools of up to {@code 62 - length(name)} characters.
     */
    static final String SERVER_NAME = "^[a-z0-9][a-z0-9-]{0,31}$";

    private McpServerRequests() {}

    /** A new MCP server: a name unique in the org, its Streamable HTTP URL and, optionally, a credential. */
    public record CreateMcpServer(
            @NotNull @Pattern(regexp = SERVER_NAME) String name,
            @NotBlank @Size(max = 2048) String url,
            @Nullable @Valid CredentialsBody credentials) {}

    /**
     * Changes to an MCP server; absent fields stay as they are.
     *
     * @param credentials replaces the credential (its secret included)
     * @param removeCredentials true drops the credential
     */
    public record UpdateMcpServer(
            @Nullable @Pattern(regexp = SERVER_NAME) String name,
            @Nullable @Size(min = 1, max = 2048) String url,
            @Nullable @Valid CredentialsBody credentials,
            @Nullable Boolean removeCredentials) {}

    /**
     * A credential: {@code header} ({@code name}, {@code value}) or {@code oauth_client_credentials} ({@code
     * token_url}, {@code client_id}, {@code client_secret}, optional {@code scope}). The secret is write-only.
     */
    public record CredentialsBody(
            @NotNull @Pattern(regexp = "^(header|oauth_client_credentials)$")
            String type,

            @Nullable @Pattern(regexp = "^[A-Za-z0-9-]{1,128}$")
            String name,

            @Nullable @Size(min = 1, max = 8192) String value,
            @Nullable @Size(min = 1, max = 2048) String tokenUrl,
            @Nullable @Size(min = 1, max = 256) String clientId,
            @Nullable @Size(min = 1, max = 4096) String clientSecret,
            @Nullable @Size(max = 1024) String scope) {

        @Override
        public String toString() {
            return "CredentialsBody[type=" + type + "]";
        }

        /** The credential and its secret; the fields its type needs are required. */
        CredentialInput toInput() {
            if (McpCredential.HEADER.equals(type)) {
                return new CredentialInput(
                        McpCredential.header(required(name, "credentials.name")), required(value, "credentials.value"));
            }
            return new CredentialInput(
                    McpCredential.oauth(
                            required(tokenUrl, "credentials.token_url"),
                            required(clientId, "credentials.client_id"),
                            scope == null || scope.isBlank() ? null : scope),
                    required(clientSecret, "credentials.client_secret"));
        }

        private String required(@Nullable String v, String field) {
            if (v == null || v.isBlank()) {
                throw new InvalidInputException(field, "is required for a " + type + " credential");
            }
            return v;
        }
    }
}
