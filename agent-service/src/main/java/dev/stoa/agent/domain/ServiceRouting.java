package dev.stoa.agent.domain;

import dev.stoa.agent.domain.AgentWriter.Change;
import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.AgentConfig;
import dev.stoa.agent.domain.port.AgentEvents;
import dev.stoa.agent.domain.port.AgentRepository;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.PermissionDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The canary and promotion for platform services acting for a user of an org (eval-service's A/B tests): the same
 * rules, versions, {@code AgentChanged} events and actor records as the REST paths. The calling service has checked
 * that its user may change the agent; only service callers get here.
 */
@Service
public final class ServiceRouting {
    private final AgentService agents;
    private final AgentRepository repository;
    private final AgentWriter writer;
    private final AgentEvents events;
    private final TransactionTemplate transactions;

    public ServiceRouting(
            AgentService agents,
            AgentRepository repository,
            AgentWriter writer,
            AgentEvents events,
            TransactionTemplate transactions) {
        this.agents = agents;
        this.repository = repository;
        this.writer = writer;
        this.events = events;
        this.transactions = transactions;
    }

    public Agent setCanary(Principal caller, String orgId, String agentId, int version, int percent) {
        requireService(caller, orgId);
        return agents.setCanaryIn(orgId, agentId, version, percent, null);
    }

    public Agent clearCanary(Principal caller, String orgId, String agentId) {
        requireService(caller, orgId);
        return agents.clearCanaryIn(orgId, agentId, null);
    }

    /**
     * Makes {@code version}'s configuration current (a rollback: a new version equal to it, or none when it already
     * is) and stops the canary, in one transaction.
     */
    public Agent promote(Principal caller, String orgId, String actorUserId, String agentId, int version) {
        requireService(caller, orgId);
        String actor = actorUserId.isBlank() ? caller.subject() : actorUserId;
        Agent promoted = transactions.execute(status -> {
            Agent rolled = writer.changeConfig(
                    orgId, actor, agentId, null, Change.rollback("rolled_back", version), current -> {
                        AgentConfig target = repository
                                .version(orgId, agentId, version)
                                .orElseThrow(
                                        () -> new InvalidInputException("version", "the agent has no such version"))
                                .config();
                        writer.requireModelAvailable(orgId, target.model(), version);
                        return target;
                    });
            if (rolled.canary() == null) {
                return rolled;
            }
            repository.setCanary(orgId, agentId, null, writer.now());
            events.agentChanged(orgId, agentId, rolled.version(), "canary_changed");
            return repository.find(orgId, agentId).orElseThrow();
        });
        if (promoted == null) {
            throw new IllegalStateException("transaction returned no result");
        }
        return promoted;
    }

    private static void requireService(Principal caller, String orgId) {
        if (!caller.isService()) {
            throw new PermissionDeniedException(
                    "service_only", "agent routing over gRPC is for platform services only");
        }
        if (orgId.isBlank()) {
            throw new InvalidInputException("org_id", "is required");
        }
    }
}
