package dev.stoa.agent.domain;

import dev.stoa.agent.domain.AgentWriter.Change;
import dev.stoa.agent.domain.model.Agent;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * An agent's typed contract: JSON Schemas for its input and output, valid against draft 2020-12. Changing them is
 * an admin action (as the API reference marks it) and a new version.
 */
@Service
public final class SchemaService {
    private final AgentWriter writer;

    public SchemaService(AgentWriter writer) {
        this.writer = writer;
    }

    /**
     * Which schemas to set: a {@code set*} flag false leaves that schema alone; true with a null value removes it.
     */
    public record SchemaUpdate(
            boolean setInput,
            @Nullable String input,
            boolean setOutput,
            @Nullable String output) {}

    public Agent get(Principal principal, String agentId) {
        return writer.get(Access.read(principal, Access.AGENTS_READ), agentId);
    }

    public Agent update(Principal principal, String agentId, @Nullable Integer expectedVersion, SchemaUpdate update) {
        String orgId = Access.write(principal, Access.AGENTS_WRITE, Role.ADMIN);
        String input = update.input() == null ? null : JsonDocuments.schema("input_schema", update.input());
        String output = update.output() == null ? null : JsonDocuments.schema("output_schema", update.output());
        return writer.changeConfig(
                orgId,
                Access.actor(principal),
                agentId,
                expectedVersion,
                Change.updated("schemas_updated"),
                config -> config.withSchemas(
                        update.setInput() ? input : config.inputSchema(),
                        update.setOutput() ? output : config.outputSchema()));
    }
}
