package dev.stoa.tools.domain;

import dev.stoa.common.id.Ids;
import dev.stoa.tools.domain.model.SdkMessage.Registration;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.model.ToolDefinition;
import dev.stoa.tools.domain.port.ToolRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Tools an SDK session registers. A tool is identified by (org, SDK connection, name); while one session of a
 * connection serves a name, another may register it only with the same description and schema (its version), else
 * it is refused with {@code schema_conflict}. A changed tool registered when no session serves the old one replaces
 * it under a new version.
 */
@Service
public final class ToolRegistration {
    /** Tools one session may serve. */
    public static final int MAX_TOOLS_PER_SESSION = 256;

    private final ToolRepository tools;
    private final SdkSessions sessions;
    private final ToolHealth health;
    private final AgentTools agentTools;
    private final Clock clock;
    private final Object[] locks = new Object[64];

    public ToolRegistration(
            ToolRepository tools, SdkSessions sessions, ToolHealth health, AgentTools agentTools, Clock clock) {
        this.tools = tools;
        this.sessions = sessions;
        this.health = health;
        this.agentTools = agentTools;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** Registers each definition for the session and says, tool by tool, whether it was accepted. */
    public List<Registration> register(SdkSession session, List<ToolDefinition> definitions) {
        List<Registration> out = new ArrayList<>();
        // Registrations are rare; one lock per connection keeps the conflict check and the write together.
        synchronized (lock(session)) {
            for (ToolDefinition definition : definitions) {
                out.add(registerOne(session, definition));
            }
        }
        return out;
    }

    private Registration registerOne(SdkSession session, ToolDefinition definition) {
        String version = definition.version();
        Optional<Tool> own = session.tool(definition.name());
        if (own.isEmpty() && session.toolCount() >= MAX_TOOLS_PER_SESSION) {
            return refused(definition, "too_many_tools");
        }
        boolean conflict = sessions.ofConnection(session.orgId(), session.connectionId()).stream()
                .filter(s -> s != session)
                .map(s -> s.tool(definition.name()))
                .flatMap(Optional::stream)
                .anyMatch(t -> !t.version().equals(version));
        if (conflict) {
            return refused(definition, "schema_conflict");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Tool stored = tools.upsert(new Tool(
                Ids.generate("tool"),
                session.orgId(),
                session.connectionId(),
                definition,
                version,
                Tool.SOURCE_SDK,
                now,
                now));
        session.add(stored);
        agentTools.forget(session.orgId());
        health.check(stored);
        return new Registration(definition.name(), true, stored.id(), version, "");
    }

    private static Registration refused(ToolDefinition definition, String error) {
        return new Registration(definition.name(), false, "", definition.version(), error);
    }

    private Object lock(SdkSession session) {
        return locks[Math.floorMod((session.orgId() + "/" + session.connectionId()).hashCode(), locks.length)];
    }
}
