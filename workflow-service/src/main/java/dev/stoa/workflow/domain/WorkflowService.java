package dev.stoa.workflow.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.workflow.domain.model.Workflow;
import dev.stoa.workflow.domain.port.WorkflowRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Workflow definitions: create, read, list, update (a new DAG is a new version) and delete. */
@Service
public final class WorkflowService {
    private final WorkflowRepository workflows;
    private final Clock clock;

    public WorkflowService(WorkflowRepository workflows, Clock clock) {
        this.workflows = workflows;
        this.clock = clock;
    }

    public Workflow create(Principal principal, String name, @Nullable String description, JsonNode definition) {
        String org = Access.write(principal);
        Definitions.validate(definition, "definition");
        OffsetDateTime now = now();
        Workflow w = new Workflow(Ids.generate("wf"), org, name, description, 1, definition.toString(), now, now);
        workflows.insert(w);
        return w;
    }

    public Workflow get(Principal principal, String id) {
        return find(Access.read(principal), id);
    }

    public Page<Workflow> list(Principal principal, PageRequest page) {
        return workflows.list(Access.read(principal), page);
    }

    /** Changes what is given; a definition that differs from the latest makes a new version. */
    public Workflow update(
            Principal principal,
            String id,
            @Nullable String name,
            @Nullable String description,
            @Nullable JsonNode definition) {
        String org = Access.write(principal);
        Workflow current = find(org, id);
        boolean newVersion = false;
        String definitionJson = current.definitionJson();
        if (definition != null) {
            Definitions.validate(definition, "definition");
            newVersion = !Definitions.JSON.readTree(definitionJson).equals(definition);
            definitionJson = definition.toString();
        }
        Workflow updated = new Workflow(
                id,
                org,
                name == null ? current.name() : name,
                description == null ? current.description() : description,
                newVersion ? current.version() + 1 : current.version(),
                definitionJson,
                current.createdAt(),
                now());
        workflows.update(updated, newVersion);
        return updated;
    }

    public void delete(Principal principal, String id) {
        if (!workflows.delete(Access.write(principal), id, now())) {
            throw new NotFoundException("workflow", id);
        }
    }

    Workflow find(String org, String id) {
        return workflows.find(org, id).orElseThrow(() -> new NotFoundException("workflow", id));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
