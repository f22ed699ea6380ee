package dev.stoa.tools.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.crypto.SecretSealer;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.model.McpCredential;
import dev.stoa.tools.domain.model.McpServer;
import dev.stoa.tools.domain.model.McpStatus;
import dev.stoa.tools.domain.port.McpServerRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * External MCP servers an org registers as tool sources. Members read them; admins and owners change them (they
 * bring tools to every agent of the org, like tool groups). Every URL (the server's, an OAuth token URL) must pass
 * the outbound (SSRF) policy; a credential's secret is sealed with the secret box and never shown again.
 */
@Service
public final class McpServers {
    /** Headers the transport sets itself: a credential may not replace them. */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "host",
            "content-type",
            "content-length",
            "accept",
            "connection",
            "transfer-encoding",
            "mcp-session-id",
            "mcp-protocol-version",
            "last-event-id");

    private final McpServerRepository servers;
    private final McpLinks links;
    private final McpStatusBoard board;
    private final SecretSealer sealer;
    private final McpSettings settings;
    private final Clock clock;

    public McpServers(
            McpServerRepository servers,
            McpLinks links,
            McpStatusBoard board,
            SecretSealer sealer,
            McpSettings settings,
            Clock clock) {
        this.servers = servers;
        this.links = links;
        this.board = board;
        this.sealer = sealer;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A credential as given: what may be shown, and its secret.
     *
     * @param secret the header's value or the OAuth client secret
     */
    public record CredentialInput(McpCredential credential, String secret) {
        @Override
        public String toString() {
            return "CredentialInput[" + credential + "]";
        }
    }

    /** A server and this instance's view of its connection. */
    public record Registered(McpServer server, McpStatus status, boolean secretSet) {}

    public Page<Registered> list(Principal principal, PageRequest page) {
        String orgId = Access.read(principal);
        return servers.list(orgId, page).map(this::registered);
    }

    public Registered get(Principal principal, String serverId) {
        return registered(find(Access.read(principal), serverId));
    }

    /** Registers the server and connects to it (its tools are the org's once it answers). */
    public Registered create(Principal principal, String name, String url, @Nullable CredentialInput credential) {
        String orgId = Access.admin(principal);
        check(url, credential);
        OffsetDateTime now = now();
        McpServer server = new McpServer(
                Ids.generate("mcs"),
                orgId,
                name,
                url.trim(),
                credential == null ? null : credential.credential(),
                Access.actor(principal),
                now,
                now);
        if (!servers.insert(server, seal(server, credential))) {
            throw nameTaken(name);
        }
        links.connect(server);
        return registered(server);
    }

    /**
     * Changes the given fields (null: as it is); {@code removeCredential} drops the credential. The server's tools are
     * taken again (renamed when the name changed).
     */
    public Registered update(
            Principal principal,
            String serverId,
            @Nullable String name,
            @Nullable String url,
            @Nullable CredentialInput credential,
            boolean removeCredential) {
        String orgId = Access.admin(principal);
        McpServer current = find(orgId, serverId);
        String newUrl = url != null ? url.trim() : current.url();
        check(newUrl, credential);
        McpServer updated = new McpServer(
                current.id(),
                orgId,
                name != null ? name : current.name(),
                newUrl,
                credential != null ? credential.credential() : removeCredential ? null : current.credential(),
                current.createdBy(),
                current.createdAt(),
                now());
        String sealed = credential != null
                ? seal(updated, credential)
                : removeCredential
                        ? null
                        : servers.sealedSecret(orgId, serverId).orElse(null);
        if (!servers.update(updated, sealed)) {
            throw nameTaken(updated.name());
        }
        links.forget(orgId, serverId);
        links.connect(updated);
        return registered(updated);
    }

    /** Deletes the server and its tools. */
    public void delete(Principal principal, String serverId) {
        String orgId = Access.admin(principal);
        find(orgId, serverId);
        if (!servers.delete(orgId, serverId)) {
            throw new NotFoundException("mcp server", serverId);
        }
        links.forget(orgId, serverId);
    }

    private void check(String url, @Nullable CredentialInput input) {
        settings.policy().checkUrl(url, "url");
        if (input == null) {
            return;
        }
        McpCredential credential = input.credential();
        if (McpCredential.HEADER.equals(credential.type())) {
            String header = credential.headerName();
            if (header == null || RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("credentials.name", "is a header the transport sets itself");
            }
        } else if (credential.tokenUrl() != null) {
            settings.policy().checkUrl(credential.tokenUrl(), "credentials.token_url");
        }
    }

    private @Nullable String seal(McpServer server, @Nullable CredentialInput credential) {
        return credential == null
                ? null
                : sealer.sealString(credential.secret(), McpLinks.sealedFor(server.orgId(), server.id()));
    }

    private Registered registered(McpServer server) {
        return new Registered(server, board.of(server.orgId(), server.id()), server.credential() != null);
    }

    private McpServer find(String orgId, String serverId) {
        return servers.find(orgId, serverId).orElseThrow(() -> new NotFoundException("mcp server", serverId));
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("mcp_server_name_taken", "the org already has an MCP server named " + name);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
