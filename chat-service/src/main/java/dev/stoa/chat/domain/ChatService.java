package dev.stoa.chat.domain;

import dev.stoa.chat.domain.model.AgentRuntime;
import dev.stoa.chat.domain.model.Conversation;
import dev.stoa.chat.domain.model.SafetyScan;
import dev.stoa.chat.domain.model.Turn;
import dev.stoa.chat.domain.model.TurnStatus;
import dev.stoa.chat.domain.model.UsageWindow;
import dev.stoa.chat.domain.port.AgentRuntimes;
import dev.stoa.chat.domain.port.ChatEvents;
import dev.stoa.chat.domain.port.ConversationRepository;
import dev.stoa.chat.domain.port.SpendLedger;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.ScanResult;
import dev.stoa.safety.Surface;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Starting turns: which conversation and agent version, whether the agent's status, budget and per-minute limits
 * allow it, whether its safety policy lets the message through (blocked, redacted or flagged before anything is
 * stored or sent to a model), and a retried request (same Idempotency-Key) attaching to the turn it already started.
 */
public final class ChatService {
    private static final int TITLE_LENGTH = 80;

    private final ConversationRepository repository;
    private final AgentRuntimes runtimes;
    private final SpendLedger ledger;
    private final TurnEngine engine;
    private final TurnHub hub;
    private final EventFollower follower;
    private final TurnSafety safety;
    private final ChatEvents events;
    private final Clock clock;

    public ChatService(
            ConversationRepository repository,
            AgentRuntimes runtimes,
            SpendLedger ledger,
            TurnEngine engine,
            TurnHub hub,
            TurnSafety safety,
            ChatEvents events,
            Clock clock) {
        this.repository = repository;
        this.runtimes = runtimes;
        this.ledger = ledger;
        this.engine = engine;
        this.hub = hub;
        this.safety = safety;
        this.events = events;
        this.follower = new EventFollower(repository, hub);
        this.clock = clock;
    }

    /**
     * A message to an agent.
     *
     * @param conversationId the conversation to continue, or null for a new one
     * @param userId the end user an API key or SDK names (empty: the caller)
     * @param context variables for the prompt (a JSON object)
     * @param callerToken the caller's platform token, forwarded to tool-router for this turn's tool calls
     * @param orgId the org a service caller acts in (empty for users and keys: their own)
     * @param agentVersion the version a new conversation runs on (0: the serving version, canary applied)
     * @param messageField the request field that carried {@code message}, which a safety refusal names
     */
    public record ChatInput(
            String orgId,
            int agentVersion,
            String message,
            @Nullable String conversationId,
            String userId,
            JsonNode context,
            @Nullable String idempotencyKey,
            String callerToken,
            String messageField) {
        @Override
        public String toString() {
            return "ChatInput[conversationId=" + conversationId + "]";
        }
    }

    /** A turn to follow: its conversation, its id, and the log position its events start after. */
    public record Started(String conversationId, @Nullable String turnId, long afterSeq, String orgId) {}

    /** Starts a turn (or finds the one this Idempotency-Key started) and returns where its events are. */
    public Started start(Principal principal, String agentId, ChatInput input) {
        String orgId = Access.org(principal, Access.CHAT_WRITE, input.orgId());
        if (input.idempotencyKey() != null) {
            var existing = repository.findTurnByKey(orgId, input.idempotencyKey());
            if (existing.isPresent()) {
                return attach(principal, existing.get(), agentId);
            }
        }
        Conversation conversation = null;
        AgentRuntime runtime;
        String conversationId;
        String continued = input.conversationId();
        if (continued != null) {
            conversation = repository
                    .find(orgId, continued)
                    .filter(c -> c.agentId().equals(agentId) && Access.sees(principal, c))
                    .orElseThrow(() -> new NotFoundException("conversation", continued));
            conversationId = conversation.id();
            runtime = runtimes.version(orgId, agentId, conversation.agentVersion());
        } else {
            conversationId = Ids.generate("cnv");
            runtime = input.agentVersion() > 0
                    ? runtimes.version(orgId, agentId, input.agentVersion())
                    : runtimes.serving(orgId, agentId, conversationId);
        }
        if (runtime.paused()) {
            throw new ConflictException("agent_paused", "the agent is paused and takes no turns");
        }
        checkBudget(orgId, agentId, runtime);
        if (conversation != null) {
            refuseIfRunning(orgId, conversation.id());
        }
        checkRate(orgId, agentId);
        // Scanned once the turn may run: a refused message is the only thing a blocked attempt leaves (findings).
        SafetyPolicy policy = safety.policyOf(orgId, agentId);
        ScanResult scanned = safety.scan(input.message(), Surface.USER_INPUT, policy);
        if (scanned.blocked()) {
            events.safetyFindings(new SafetyScan(
                    orgId,
                    agentId,
                    conversation == null ? "" : conversationId,
                    "",
                    Surface.USER_INPUT,
                    scanned,
                    clock.instant()));
            String detector =
                    scanned.blocking().map(d -> d.finding().detector().id()).orElse("policy");
            throw TurnRefusedException.contentBlocked(input.messageField(), detector);
        }
        String message = scanned.text();

        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String userId = conversation != null ? conversation.userId() : Access.endUser(principal, input.userId());
        Conversation created = conversation == null
                ? new Conversation(
                        conversationId, orgId, agentId, runtime.version(), userId, title(message), 0, now, now)
                : null;
        long firstSeq = (conversation == null ? 0 : conversation.lastSeq()) + 1;
        Turn turn = new Turn(
                Ids.generate("trn"),
                orgId,
                conversationId,
                agentId,
                runtime.version(),
                userId,
                TurnStatus.RUNNING,
                input.idempotencyKey(),
                message,
                null,
                firstSeq,
                null,
                0,
                now,
                null);
        TurnHub.Live live = hub.start(conversationId, turn.id());
        if (live == null) {
            throw turnInProgress();
        }
        boolean inserted;
        try {
            // The findings go out with the turn they belong to, or not at all (a lost idempotency race).
            inserted = repository.insertTurn(created, turn, () -> {
                if (!scanned.clean()) {
                    events.safetyFindings(new SafetyScan(
                            orgId, agentId, conversationId, turn.id(), Surface.USER_INPUT, scanned, now.toInstant()));
                }
            });
        } catch (RuntimeException e) {
            hub.finished(live);
            throw e;
        }
        if (!inserted) {
            hub.finished(live);
            // Another request with the same key won the race: follow its turn.
            String key = input.idempotencyKey();
            if (key == null) {
                throw turnInProgress();
            }
            return attach(
                    principal, repository.findTurnByKey(orgId, key).orElseThrow(ChatService::turnInProgress), agentId);
        }
        TurnEngine.TurnRun run =
                new TurnEngine.TurnRun(turn, runtime, input.context(), input.callerToken(), policy, live);
        Thread.ofVirtual().name("turn-" + turn.id()).start(() -> engine.run(run));
        return new Started(conversationId, turn.id(), firstSeq - 1, orgId);
    }

    /** Streams a turn's (or, with no turn, the conversation's) events after {@code afterSeq} to {@code sink}. */
    public void follow(Started started, EventFollower.Sink sink) throws java.io.IOException, InterruptedException {
        follower.follow(started.orgId(), started.conversationId(), started.afterSeq(), started.turnId(), sink);
    }

    /** Where a reader of a conversation's events resumes: after {@code afterSeq}, following the running turn. */
    public Started resume(Principal principal, String conversationId, long afterSeq) {
        String orgId = Access.org(principal, Access.CONVERSATIONS_READ);
        visibleConversation(principal, orgId, conversationId);
        return new Started(conversationId, null, Math.max(0, afterSeq), orgId);
    }

    /** Asks a running turn to stop; a finished turn is left as it is. Returns the turn's status now. */
    public TurnStatus cancel(Principal principal, String conversationId, String turnId) {
        String orgId = Access.org(principal, Access.CONVERSATIONS_WRITE);
        visibleConversation(principal, orgId, conversationId);
        Turn turn = repository
                .findTurn(orgId, turnId)
                .filter(t -> t.conversationId().equals(conversationId))
                .orElseThrow(() -> new NotFoundException("turn", turnId));
        if (turn.status() != TurnStatus.RUNNING) {
            return turn.status();
        }
        hub.live(conversationId).filter(l -> l.turnId().equals(turnId)).ifPresent(TurnHub.Live::cancel);
        return TurnStatus.CANCELLED;
    }

    /** Throws 404 unless the conversation is in the org and the caller may see it. */
    private void visibleConversation(Principal principal, String orgId, String conversationId) {
        if (repository
                .find(orgId, conversationId)
                .filter(c -> Access.sees(principal, c))
                .isEmpty()) {
            throw new NotFoundException("conversation", conversationId);
        }
    }

    private Started attach(Principal principal, Turn turn, String agentId) {
        boolean visible =
                Access.seesAllConversations(principal) || turn.userId().equals(Access.endUser(principal, ""));
        if (!turn.agentId().equals(agentId) || !visible) {
            throw new ConflictException(
                    "idempotency_key_reused",
                    "this Idempotency-Key was used for another turn (of another agent or end user)");
        }
        return new Started(turn.conversationId(), turn.id(), turn.firstSeq() - 1, turn.orgId());
    }

    private void refuseIfRunning(String orgId, String conversationId) {
        if (hub.live(conversationId).isPresent()) {
            throw turnInProgress();
        }
    }

    private static ConflictException turnInProgress() {
        return new ConflictException(
                "turn_in_progress", "a turn of this conversation is still running; wait for it or cancel it");
    }

    private void checkBudget(String orgId, String agentId, AgentRuntime runtime) {
        if (runtime.monthlyBudgetMicros() <= 0) {
            return;
        }
        OffsetDateTime monthStart = OffsetDateTime.now(clock)
                .withOffsetSameInstant(ZoneOffset.UTC)
                .withDayOfMonth(1)
                .toLocalDate()
                .atStartOfDay()
                .atOffset(ZoneOffset.UTC);
        // The ledger counts every cost of the agent (this replica's turns reach it within seconds); chat's own
        // records count its turns at once. The larger is the spend: neither lag nor an outage lets a turn through.
        long spent = Math.max(
                repository.spentSince(orgId, agentId, monthStart),
                ledger.monthSpent(orgId, agentId).orElse(0));
        if (spent >= runtime.monthlyBudgetMicros()) {
            throw TurnRefusedException.budgetExceeded(spent, runtime.monthlyBudgetMicros());
        }
    }

    /** Counts this request at agent-service, which refuses it when the last minute's requests or tokens are used up. */
    private void checkRate(String orgId, String agentId) {
        UsageWindow usage = runtimes.recordUsage(orgId, agentId, 1, 0);
        if (usage.limited() != null) {
            Duration retryAfter = usage.retryAfter().isPositive() ? usage.retryAfter() : Duration.ofSeconds(1);
            throw TurnRefusedException.rateLimited(usage.limited(), retryAfter);
        }
    }

    private static String title(String message) {
        String line = message.strip().replaceAll("\\s+", " ");
        return line.length() <= TITLE_LENGTH ? line : line.substring(0, TITLE_LENGTH - 1) + "…";
    }
}
