package dev.stoa.workflow.domain;

import dev.stoa.common.id.Ids;
import dev.stoa.workflow.domain.model.Definition;
import dev.stoa.workflow.domain.model.Run;
import dev.stoa.workflow.domain.model.StepSpec;
import dev.stoa.workflow.domain.model.StepState;
import dev.stoa.workflow.domain.model.StepTask;
import dev.stoa.workflow.domain.port.RunEvents;
import dev.stoa.workflow.domain.port.RunRepository;
import dev.stoa.workflow.domain.port.StepCalls;
import dev.stoa.workflow.domain.port.StepQueue;
import dev.stoa.workflow.domain.port.Transactions;
import dev.stoa.workflow.domain.port.WorkflowRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves runs through their DAG. Every transition locks the run row, checks the step is still where the task expects
 * (a completed attempt is never run again, a stale task does nothing) and commits the new step states together with
 * the tasks of the steps that became ready; the work itself (peer calls) runs between two such transactions.
 */
public final class StepEngine {
    private static final Logger LOG = LoggerFactory.getLogger(StepEngine.class);
    private static final int MAX_NESTING = 5;

    private final WorkflowRepository workflows;
    private final RunRepository runs;
    private final Transactions tx;
    private final StepQueue queue;
    private final StepPerformer performer;
    private final RunEvents events;
    private final Clock clock;
    private final Map<String, Definition> definitions = new ConcurrentHashMap<>();
    /** The run each executor thread is doing a step of; an entry exists only while its call may be interrupted. */
    private final Map<Thread, String> inFlight = new ConcurrentHashMap<>();

    private volatile boolean stopping;

    public StepEngine(
            WorkflowRepository workflows,
            RunRepository runs,
            Transactions tx,
            StepQueue queue,
            StepCalls calls,
            RunEvents events,
            Clock clock) {
        this.workflows = workflows;
        this.runs = runs;
        this.tx = tx;
        this.queue = queue;
        this.performer = new StepPerformer(calls, clock);
        this.events = events;
        this.clock = clock;
    }

    /** Stores a new run and schedules its first steps, in one transaction. */
    Run start(Run run, Definition definition) {
        return tx.inOrg(run.orgId(), () -> insertAndAdvance(run, definition));
    }

    private Run insertAndAdvance(Run run, Definition definition) {
        Map<String, StepState> states = new LinkedHashMap<>();
        definition.steps().forEach(s -> states.put(s.id(), StepState.pending(run.id(), s.id())));
        runs.insert(run, List.copyOf(states.values()));
        events.run(run);
        return advance(run, definition, states);
    }

    /** Executes a task the queue delivered (possibly again, after a replica died while running it). */
    public void execute(StepTask task) {
        if (stopping) {
            throw new EngineStoppingException();
        }
        if (task.kind() == StepTask.Kind.EXPIRE) {
            expire(task);
            return;
        }
        if (task.kind() == StepTask.Kind.CHILD) {
            resumeFromChild(task);
            return;
        }
        Prepared p = tx.inOrg(task.orgId(), () -> begin(task));
        if (p == null) {
            return;
        }
        if (StepSpec.SUB_WORKFLOW.equals(p.spec().type())) {
            startChild(task, p.spec(), p.context());
            return;
        }
        Thread me = Thread.currentThread();
        inFlight.put(me, task.runId());
        StepResult result;
        try {
            result = performer.perform(task, p.spec(), p.context());
        } catch (IllegalArgumentException e) {
            result = StepResult.failed(String.valueOf(e.getMessage()), false);
        } finally {
            inFlight.remove(me);
        }
        // a cancel interrupts the call; the flag must not leak into the next task on this thread
        boolean interrupted = Thread.interrupted();
        if (stopping) {
            throw new EngineStoppingException();
        }
        if (interrupted) {
            LOG.debug("step {} of run {} interrupted", task.stepId(), task.runId());
        }
        Instant waitUntil = result.waitUntil();
        JsonNode output = result.output();
        if (waitUntil != null) {
            waitFor(task, waitUntil);
        } else if (output != null) {
            complete(task, StepState.RUNNING, output, result.branch());
        } else {
            fail(task, StepState.RUNNING, String.valueOf(result.error()), result.retryable());
        }
    }

    /** Resumes a run waiting at {@code stepId} with {@code input}; false when it is not waiting there. */
    boolean submit(String orgId, String runId, String stepId, int attempt, JsonNode input) {
        return complete(
                new StepTask(orgId, runId, stepId, attempt, StepTask.Kind.RUN), StepState.WAITING, input, "submitted");
    }

    /**
     * Cancels an active run: its steps end as cancelled, calls in flight on this replica are interrupted, and its
     * child runs are cancelled too.
     */
    boolean cancel(String orgId, String runId) {
        boolean cancelled = tx.inOrg(orgId, () -> {
            Run run = runs.lock(orgId, runId).orElse(null);
            if (run == null || !run.active()) {
                return false;
            }
            OffsetDateTime now = now();
            for (StepState s : runs.steps(orgId, runId)) {
                if (!s.terminal()) {
                    runs.save(orgId, s.ended(StepState.CANCELLED, null, now));
                }
            }
            saveRun(run.with(Run.CANCELLED, null, null, now));
            notifyParent(run);
            return true;
        });
        if (cancelled) {
            // atomically per thread: a thread that has moved on to another run's step is not interrupted
            inFlight.keySet()
                    .forEach(thread -> inFlight.computeIfPresent(thread, (t, run) -> {
                        if (run.equals(runId)) {
                            t.interrupt();
                        }
                        return run;
                    }));
            runs.children(orgId, runId).stream().filter(Run::active).forEach(child -> cancel(orgId, child.id()));
        }
        return cancelled;
    }

    /** Stops taking work: calls in flight are interrupted and their tasks left to be revived by a live replica. */
    public void stop() {
        stopping = true;
        inFlight.keySet().forEach(Thread::interrupt);
    }

    public void resume() {
        stopping = false;
    }

    public boolean stopping() {
        return stopping;
    }

    Definition definition(String orgId, String workflowId, int version) {
        String key = workflowId + "@" + version;
        Definition cached = definitions.get(key);
        if (cached != null) {
            return cached;
        }
        String json = workflows
                .definition(orgId, workflowId, version)
                .orElseThrow(() -> new IllegalStateException("definition " + key + " is missing"));
        Definition d = Definitions.parse(json);
        definitions.put(key, d);
        return d;
    }

    private @Nullable Prepared begin(StepTask task) {
        Run run = runs.lock(task.orgId(), task.runId()).orElse(null);
        if (run == null || !run.active()) {
            return null;
        }
        Map<String, StepState> states = byId(runs.steps(task.orgId(), task.runId()));
        StepState s = states.get(task.stepId());
        // scheduled: its first delivery; running: delivered again after the replica running it died
        if (s == null
                || s.attempt() != task.attempt()
                || !(StepState.SCHEDULED.equals(s.status()) || StepState.RUNNING.equals(s.status()))) {
            return null;
        }
        runs.save(task.orgId(), s.running(now()));
        if (Run.WAITING.equals(run.status())) {
            saveRun(run.with(Run.RUNNING, null, null, now()));
        }
        Definition d = definition(task.orgId(), run.workflowId(), run.workflowVersion());
        return new Prepared(d.require(task.stepId()), context(run, states));
    }

    private boolean complete(StepTask task, String from, JsonNode output, @Nullable String branch) {
        return tx.inOrg(task.orgId(), () -> {
            Run run = runs.lock(task.orgId(), task.runId()).orElse(null);
            if (run == null || !run.active()) {
                return false;
            }
            Map<String, StepState> states = byId(runs.steps(task.orgId(), task.runId()));
            StepState s = states.get(task.stepId());
            if (s == null || !from.equals(s.status()) || s.attempt() != task.attempt()) {
                return false;
            }
            Definition d = definition(task.orgId(), run.workflowId(), run.workflowVersion());
            StepSpec spec = d.require(task.stepId());
            OffsetDateTime now = now();
            put(run, states, s.completed(output.toString(), branch, now));
            if (branch != null) {
                // the branches not taken are skipped, and with them what only they lead to
                spec.branches().forEach((name, target) -> {
                    StepState t = states.get(target);
                    if (!name.equals(branch) && t != null && StepState.PENDING.equals(t.status())) {
                        put(run, states, t.ended(StepState.SKIPPED, null, now));
                    }
                });
            }
            advance(run, d, states);
            return true;
        });
    }

    private void fail(StepTask task, String from, String error, boolean retryable) {
        tx.inOrg(task.orgId(), () -> {
            Run run = runs.lock(task.orgId(), task.runId()).orElse(null);
            if (run == null || !run.active()) {
                return null;
            }
            Map<String, StepState> states = byId(runs.steps(task.orgId(), task.runId()));
            StepState s = states.get(task.stepId());
            if (s == null || !from.equals(s.status()) || s.attempt() != task.attempt()) {
                return null;
            }
            StepSpec spec = definition(task.orgId(), run.workflowId(), run.workflowVersion())
                    .require(task.stepId());
            if (retryable && s.attempt() < spec.maxAttempts()) {
                int next = s.attempt() + 1;
                runs.save(task.orgId(), s.scheduled(next, error));
                queue.enqueue(
                        new StepTask(task.orgId(), task.runId(), task.stepId(), next, StepTask.Kind.RUN),
                        clock.instant().plus(spec.backoffBefore(next)));
                return null;
            }
            OffsetDateTime now = now();
            StepState failed = s.ended(StepState.FAILED, error, now);
            runs.save(task.orgId(), failed);
            events.step(run, failed);
            states.values().stream()
                    .filter(o -> !o.terminal() && !o.stepId().equals(task.stepId()))
                    .forEach(o -> runs.save(task.orgId(), o.ended(StepState.CANCELLED, null, now)));
            saveRun(run.with(Run.FAILED, null, "step " + task.stepId() + " failed: " + error, now));
            notifyParent(run);
            return null;
        });
    }

    private void waitFor(StepTask task, Instant until) {
        tx.inOrg(task.orgId(), () -> {
            Run run = runs.lock(task.orgId(), task.runId()).orElse(null);
            if (run == null || !run.active()) {
                return null;
            }
            Map<String, StepState> states = byId(runs.steps(task.orgId(), task.runId()));
            StepState s = states.get(task.stepId());
            if (s == null || !StepState.RUNNING.equals(s.status()) || s.attempt() != task.attempt()) {
                return null;
            }
            StepState waiting = s.waiting(OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
            put(run, states, waiting);
            String prompt = definition(task.orgId(), run.workflowId(), run.workflowVersion())
                    .require(task.stepId())
                    .config()
                    .path("prompt")
                    .asString("");
            events.inputRequested(run, waiting, prompt);
            queue.enqueue(
                    new StepTask(task.orgId(), task.runId(), task.stepId(), task.attempt(), StepTask.Kind.EXPIRE),
                    until);
            refreshStatus(run, states);
            return null;
        });
    }

    private void expire(StepTask task) {
        StepTask run = new StepTask(task.orgId(), task.runId(), task.stepId(), task.attempt(), StepTask.Kind.RUN);
        Run current = runs.find(task.orgId(), task.runId()).orElse(null);
        if (current == null || !current.active()) {
            return;
        }
        StepSpec spec = definition(task.orgId(), current.workflowId(), current.workflowVersion())
                .require(task.stepId());
        if (spec.branches().containsKey("expired")) {
            ObjectNode out = Definitions.JSON.createObjectNode();
            out.put("expired", true);
            complete(run, StepState.WAITING, out, "expired");
        } else {
            fail(run, StepState.WAITING, "input_expired: no input before the wait expired", false);
        }
    }

    /** Schedules what became ready, skips what only skipped steps lead to, and ends the run when all settled. */
    private Run advance(Run run, Definition d, Map<String, StepState> states) {
        Instant nowInstant = clock.instant();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (StepSpec spec : d.steps()) {
                StepState s = states.get(spec.id());
                if (s == null || !StepState.PENDING.equals(s.status())) {
                    continue;
                }
                List<StepState> needs = spec.needs().stream().map(states::get).toList();
                if (!needs.stream().allMatch(n -> n != null && n.settled())) {
                    continue;
                }
                if (needs.isEmpty() || needs.stream().anyMatch(n -> StepState.COMPLETED.equals(n.status()))) {
                    put(run, states, s.scheduled(1, null));
                    Duration delay = StepSpec.DELAY.equals(spec.type())
                            ? Duration.ofSeconds(spec.config().path("seconds").asLong())
                            : Duration.ZERO;
                    queue.enqueue(
                            new StepTask(run.orgId(), run.id(), spec.id(), 1, StepTask.Kind.RUN),
                            nowInstant.plus(delay));
                } else {
                    put(run, states, s.ended(StepState.SKIPPED, null, now()));
                }
                changed = true;
            }
        }
        return refreshStatus(run, states);
    }

    private Run refreshStatus(Run run, Map<String, StepState> states) {
        String status;
        if (states.values().stream().allMatch(StepState::settled)) {
            status = Run.COMPLETED;
        } else if (states.values().stream().anyMatch(s -> StepState.WAITING.equals(s.status()))
                && states.values().stream()
                        .noneMatch(
                                s -> StepState.SCHEDULED.equals(s.status()) || StepState.RUNNING.equals(s.status()))) {
            status = Run.WAITING;
        } else {
            status = Run.RUNNING;
        }
        if (status.equals(run.status())) {
            return run;
        }
        String output = Run.COMPLETED.equals(status)
                ? output(definition(run.orgId(), run.workflowId(), run.workflowVersion()), run, states)
                : null;
        Run updated = run.with(status, output, null, now());
        saveRun(updated);
        if (updated.terminal()) {
            notifyParent(updated);
        }
        return updated;
    }

    /** A child run that ended resumes its parent's step (a task, in the transaction that ended the child). */
    private void notifyParent(Run child) {
        Run.Parent parent = child.parent();
        if (parent != null) {
            queue.enqueue(
                    new StepTask(child.orgId(), parent.runId(), parent.stepId(), parent.attempt(), StepTask.Kind.CHILD),
                    clock.instant());
        }
    }

    /**
     * Starts a sub_workflow step's child run on its workflow's latest version (once per attempt: a revived attempt
     * finds the child it started); the step stays running until the child ends.
     */
    private void startChild(StepTask task, StepSpec spec, ObjectNode context) {
        String workflowId = spec.config().path("workflow_id").asString();
        JsonNode input = spec.config().has("input")
                ? Expressions.resolve(spec.config().get("input"), context)
                : Definitions.JSON.createObjectNode();
        String error = tx.inOrg(task.orgId(), () -> {
            Run parent = runs.lock(task.orgId(), task.runId()).orElse(null);
            if (parent == null || !parent.active()) {
                return null;
            }
            if (runs.child(task.orgId(), task.runId(), task.stepId(), task.attempt())
                    .isPresent()) {
                return null;
            }
            if (depth(parent) >= MAX_NESTING) {
                return "sub_workflow runs nest deeper than " + MAX_NESTING;
            }
            var workflow = workflows.find(task.orgId(), workflowId).orElse(null);
            if (workflow == null) {
                return "workflow " + workflowId + " does not exist";
            }
            OffsetDateTime now = now();
            Run child = new Run(
                    Ids.generate("wfrun"),
                    task.orgId(),
                    workflow.id(),
                    workflow.version(),
                    Run.RUNNING,
                    input.toString(),
                    null,
                    null,
                    now,
                    now,
                    null,
                    new Run.Parent(task.runId(), task.stepId(), task.attempt()));
            insertAndAdvance(child, definition(task.orgId(), workflow.id(), workflow.version()));
            return null;
        });
        if (error != null) {
            fail(task, StepState.RUNNING, error, false);
        }
    }

    private void resumeFromChild(StepTask task) {
        Run child = runs.child(task.orgId(), task.runId(), task.stepId(), task.attempt())
                .orElse(null);
        if (child == null || child.active()) {
            return;
        }
        StepTask step = new StepTask(task.orgId(), task.runId(), task.stepId(), task.attempt(), StepTask.Kind.RUN);
        String output = child.outputJson();
        if (Run.COMPLETED.equals(child.status()) && output != null) {
            complete(step, StepState.RUNNING, Definitions.JSON.readTree(output), null);
        } else {
            fail(step, StepState.RUNNING, "sub-workflow run " + child.id() + " " + child.status(), false);
        }
    }

    private int depth(Run run) {
        int depth = 0;
        Run.Parent parent = run.parent();
        while (parent != null && depth < MAX_NESTING) {
            depth++;
            parent = runs.find(run.orgId(), parent.runId()).map(Run::parent).orElse(null);
        }
        return depth;
    }

    private static String output(Definition d, Run run, Map<String, StepState> states) {
        ObjectNode context = context(run, states);
        String expression = d.output();
        if (expression != null) {
            return Expressions.eval(expression, context).toString();
        }
        // by default: the outputs of the completed steps nothing else needs (the DAG's ends)
        ObjectNode out = Definitions.JSON.createObjectNode();
        for (StepSpec spec : d.steps()) {
            boolean needed = d.steps().stream().anyMatch(o -> o.needs().contains(spec.id()));
            StepState s = states.get(spec.id());
            if (!needed && s != null && StepState.COMPLETED.equals(s.status())) {
                out.set(spec.id(), context.path("steps").path(spec.id()).path("output"));
            }
        }
        return out.toString();
    }

    private static ObjectNode context(Run run, Map<String, StepState> states) {
        Map<String, String> outputs = new LinkedHashMap<>();
        states.values().forEach(s -> {
            String o = s.outputJson();
            if (StepState.COMPLETED.equals(s.status()) && o != null) {
                outputs.put(s.stepId(), o);
            }
        });
        return Expressions.context(run.inputJson(), outputs);
    }

    private void put(Run run, Map<String, StepState> states, StepState s) {
        states.put(s.stepId(), s);
        runs.save(run.orgId(), s);
        if (StepState.COMPLETED.equals(s.status()) || StepState.WAITING.equals(s.status())) {
            events.step(run, s);
        }
    }

    private void saveRun(Run run) {
        runs.save(run.orgId(), run);
        events.run(run);
    }

    private static Map<String, StepState> byId(List<StepState> steps) {
        Map<String, StepState> map = new LinkedHashMap<>();
        steps.forEach(s -> map.put(s.stepId(), s));
        return map;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private record Prepared(StepSpec spec, ObjectNode context) {}
}
