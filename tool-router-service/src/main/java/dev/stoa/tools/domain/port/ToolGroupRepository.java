package dev.stoa.tools.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.model.ToolGroup;
import java.util.List;
import java.util.Optional;

/** Tool groups, per org. */
public interface ToolGroupRepository {
    /** Inserts it; false when the org already has a group of that name. */
    boolean insert(ToolGroup group);

    /** Replaces name, description, tools and updated_at; false when another group of the org has the new name. */
    boolean update(ToolGroup group);

    boolean delete(String orgId, String groupId);

    Optional<ToolGroup> find(String orgId, String groupId);

    /** The org's groups with these names (unknown names are left out). */
    List<ToolGroup> findByNames(String orgId, List<String> names);

    /** Newest first. */
    Page<ToolGroup> list(String orgId, PageRequest page);
}
