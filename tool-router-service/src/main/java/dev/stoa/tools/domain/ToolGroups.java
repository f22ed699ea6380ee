package dev.stoa.tools.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.model.ToolGroup;
import dev.stoa.tools.domain.port.AuditEvents;
import dev.stoa.tools.domain.port.ToolGroupRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Tool groups: named sets of tool names an agent's config can name. Members read them; admins and owners change them
 * (a group's change reaches every agent naming it). Names are unique per org. Every change is audited.
 */
@Service
public final class ToolGroups {
    private final ToolGroupRepository groups;
    private final AgentTools agentTools;
    private final AuditEvents audit;
    private final Clock clock;

    public ToolGroups(ToolGroupRepository groups, AgentTools agentTools, AuditEvents audit, Clock clock) {
        this.groups = groups;
        this.agentTools = agentTools;
        this.audit = audit;
        this.clock = clock;
    }

    public Page<ToolGroup> list(Principal principal, PageRequest page) {
        return groups.list(Access.read(principal), page);
    }

    public ToolGroup get(Principal principal, String groupId) {
        return find(Access.read(principal), groupId);
    }

    public ToolGroup create(Principal principal, String name, String description, List<String> tools) {
        String orgId = Access.admin(principal);
        OffsetDateTime now = now();
        ToolGroup group = new ToolGroup(
                Ids.generate("tgr"),
                orgId,
                name,
                description,
                tools.stream().distinct().toList(),
                Access.actor(principal),
                now,
                now);
        if (!groups.insert(group)) {
            throw nameTaken(name);
        }
        changed(principal, group, "created");
        return group;
    }

    /** Changes the given fields (null: as it is). */
    public ToolGroup update(
            Principal principal,
            String groupId,
            @Nullable String name,
            @Nullable String description,
            @Nullable List<String> tools) {
        String orgId = Access.admin(principal);
        ToolGroup current = find(orgId, groupId);
        ToolGroup updated = new ToolGroup(
                current.id(),
                orgId,
                name != null ? name : current.name(),
                description != null ? description : current.description(),
                tools != null ? tools.stream().distinct().toList() : current.tools(),
                current.createdBy(),
                current.createdAt(),
                now());
        if (!groups.update(updated)) {
            throw nameTaken(updated.name());
        }
        changed(principal, updated, "updated");
        return updated;
    }

    public void delete(Principal principal, String groupId) {
        String orgId = Access.admin(principal);
        ToolGroup group = find(orgId, groupId);
        if (!groups.delete(orgId, groupId)) {
            throw new NotFoundException("tool group", groupId);
        }
        changed(principal, group, "deleted");
    }

    private void changed(Principal principal, ToolGroup group, String change) {
        // agents naming the group see its tools change at once (on this instance; others within the cache's life)
        agentTools.forget(group.orgId());
        audit.groupChanged(
                group, change, Access.actor(principal), principal.tokenType().wire());
    }

    private ToolGroup find(String orgId, String groupId) {
        return groups.find(orgId, groupId).orElseThrow(() -> new NotFoundException("tool group", groupId));
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("tool_group_name_taken", "the org already has a tool group named " + name);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
