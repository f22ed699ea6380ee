package dev.stoa.tools.domain.model;

import org.jspecify.annotations.Nullable;

/**
 * How tool-router authenticates to an external MCP server, without its secret (sealed apart, never shown): a header
 * sent with every request ({@code header}: {@code headerName}), or an OAuth 2 client-credentials grant whose access
 * token is sent as a bearer ({@code oauth_client_credentials}: {@code tokenUrl}, {@code clientId}, {@code scope}).
 */
public record McpCredential(
        String type,
        @Nullable String headerName,
        @Nullable String tokenUrl,
        @Nullable String clientId,
        @Nullable String scope) {

    public static final String HEADER = "header";
    public static final String OAUTH_CLIENT_CREDENTIALS = "oauth_client_credentials";

    public static McpCredential header(String name) {
        return new McpCredential(HEADER, name, null, null, null);
    }

    public static McpCredential oauth(String tokenUrl, String clientId, @Nullable String scope) {
        return new McpCredential(OAUTH_CLIENT_CREDENTIALS, null, tokenUrl, clientId, scope);
    }
}
