package dev.stoa.workflow.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.workflow.domain.model.Workflow;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Workflows and their immutable versions, per org (deleted workflows are not found). */
public interface WorkflowRepository {
    void insert(Workflow workflow);

    Optional<Workflow> find(String orgId, String id);

    /** A version's definition, also of a deleted workflow (its runs keep reading it). */
    Optional<String> definition(String orgId, String id, int version);

    Page<Workflow> list(String orgId, PageRequest page);

    /** Saves name and description; a new definition version when {@code workflow.version()} is new. */
    void update(Workflow workflow, boolean newVersion);

    boolean delete(String orgId, String id, OffsetDateTime now);
}
