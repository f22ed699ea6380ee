package dev.stoa.tools.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoa.common.auth.Principal;
import dev.stoa.tools.domain.SdkSession;
import dev.stoa.tools.domain.SdkSessions;
import dev.stoa.tools.domain.ToolDispatcher;
import dev.stoa.tools.domain.ToolRegistration;
import dev.stoa.tools.domain.model.SdkMessage;
import dev.stoa.tools.domain.model.ToolDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The SDK side of tool calls ({@code /ws/sdk}, protocol v1, docs/sdk-protocol.md): hello, tool registration,
 * heartbeats, results, errors, progress and drain. A frame that breaks its schema gets a protocol_error naming the
 * problem and the session stays open; floods are answered with rate_limited and, past a hard limit, a close.
 */
public final class SdkSocketHandler extends TextWebSocketHandler {
    /** How often the SDK should send a heartbeat; the idle timeout is a few of these. */
    public static final int HEARTBEAT_INTERVAL_MS = 25_000;
    /** Largest frame accepted (the container closes the socket with 1009 above it). */
    public static final int MAX_FRAME_BYTES = 1024 * 1024;
    /** The socket's read buffer: frames arrive in parts of this size (Tomcat allocates it for every open socket). */
    public static final int READ_BUFFER_CHARS = 8 * 1024;
    /**
     * Frames a socket may send per second (bursts of twice as many): well above one connection's share of calls
     * (each call is answered by a result frame and maybe progress), far below what would hurt the router.
     */
    public static final int FRAMES_PER_SECOND = 1000;

    private static final Logger log = LoggerFactory.getLogger(SdkSocketHandler.class);
    private static final String STATE = "stoa.sdk.state";

    private final ProtocolFrames frames = new ProtocolFrames();
    private final SdkSessions sessions;
    private final ToolRegistration registration;
    private final ToolDispatcher dispatcher;
    private final Counter unknownResults;
    private final Counter protocolErrors;

    public SdkSocketHandler(
            SdkSessions sessions, ToolRegistration registration, ToolDispatcher dispatcher, MeterRegistry meters) {
        this.sessions = sessions;
        this.registration = registration;
        this.dispatcher = dispatcher;
        this.unknownResults = Counter.builder("stoa.tools.sdk.unknown_results")
                .description("results, errors and progress for calls unknown to the session that sent them")
                .register(meters);
        this.protocolErrors = Counter.builder("stoa.tools.sdk.protocol_errors")
                .description("SDK frames refused with a protocol_error")
                .register(meters);
    }

    /** Per socket: the principal, the SDK session once hello came, the flood limits. */
    private static final class State {
        final Principal principal;
        final WebSocketChannel channel;
        final FloodLimit frames = new FloodLimit(FRAMES_PER_SECOND, 2 * FRAMES_PER_SECOND);
        final FloodLimit registrations = new FloodLimit(1, 20);
        volatile @Nullable SdkSession session;
        /** A frame arriving in parts (the socket's buffer is small; frames up to MAX_FRAME_BYTES are put together). */
        @Nullable
        StringBuilder partial;

        State(Principal principal, WebSocketChannel channel) {
            this.principal = principal;
            this.channel = channel;
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        // the handshake admitted the socket only with a principal
        Principal principal =
                (Principal) Objects.requireNonNull(socket.getAttributes().get(SdkHandshake.PRINCIPAL));
        socket.getAttributes().put(STATE, new State(principal, new WebSocketChannel(socket)));
    }

    /** Frames come in parts of at most {@link #READ_BUFFER_CHARS}, so an idle socket holds no frame-sized buffer. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        State state = (State) Objects.requireNonNull(socket.getAttributes().get(STATE));
        String payload = message.getPayload();
        if (!message.isLast() || state.partial != null) {
            StringBuilder partial = state.partial == null ? new StringBuilder() : state.partial;
            if (partial.length() + payload.length() > MAX_FRAME_BYTES) {
                state.partial = null;
                state.channel.close(CloseStatus.TOO_BIG_TO_PROCESS, "frame over " + MAX_FRAME_BYTES + " bytes");
                return;
            }
            partial.append(payload);
            if (!message.isLast()) {
                state.partial = partial;
                return;
            }
            state.partial = null;
            payload = partial.toString();
        }
        FloodLimit.Verdict verdict = state.frames.take();
        if (verdict == FloodLimit.Verdict.CLOSE) {
            state.channel.close("frame flood");
            return;
        }
        if (verdict == FloodLimit.Verdict.REFUSE) {
            error(state, "rate_limited", "too many frames; slow down", "");
            return;
        }
        ProtocolFrames.Frame frame;
        try {
            frame = frames.read(payload);
        } catch (ProtocolFrames.Refused refused) {
            error(state, refused.code, refused.reason, refused.ref);
            return;
        }
        if (frame.type().equals("hello")) {
            hello(state);
            return;
        }
        SdkSession session = state.session;
        if (session == null) {
            error(state, "hello_required", "the first frame must be hello", frame.type());
            return;
        }
        session.touch();
        JsonNode body = frame.body();
        switch (frame.type()) {
            case "register" -> register(state, session, body);
            case "heartbeat" -> state.channel.sendFrame(WebSocketChannel.frame("heartbeat"));
            case "drain" -> session.drain();
            case "result" ->
                answered(
                        state,
                        dispatcher.onResult(
                                session,
                                body.get("call_id").asText(),
                                body.get("result").toString()));
            case "error" -> {
                JsonNode error = body.get("error");
                answered(
                        state,
                        dispatcher.onError(
                                session,
                                body.get("call_id").asText(),
                                error.path("code").asText(""),
                                error.path("message").asText(""),
                                error.path("retryable").asBoolean(false)));
            }
            case "progress" ->
                counted(dispatcher.onProgress(
                        session,
                        body.get("call_id").asText(),
                        body.path("fraction").asDouble(-1),
                        body.path("message").asText("")));
            default -> error(state, "unknown_type", "unknown frame type", frame.type());
        }
    }

    private void hello(State state) {
        if (state.session != null) {
            error(state, "invalid_frame", "hello was already sent", "hello");
            return;
        }
        SdkSession session = sessions.open(
                state.principal.orgId(), state.principal.subject(), state.principal.sessionId(), state.channel);
        state.session = session;
        Map<String, Object> welcome = WebSocketChannel.frame("welcome");
        welcome.put("session_id", session.id());
        welcome.put("connection_id", session.connectionId());
        welcome.put("heartbeat_interval_ms", HEARTBEAT_INTERVAL_MS);
        welcome.put(
                "limits",
                Map.of(
                        "max_frame_bytes",
                        MAX_FRAME_BYTES,
                        "max_tools",
                        ToolRegistration.MAX_TOOLS_PER_SESSION,
                        "frames_per_second",
                        FRAMES_PER_SECOND));
        state.channel.sendFrame(welcome);
    }

    private void register(State state, SdkSession session, JsonNode body) {
        if (state.registrations.take() != FloodLimit.Verdict.ALLOW) {
            error(state, "rate_limited", "too many register frames; register tools in few frames", "register");
            return;
        }
        List<ToolDefinition> definitions = ProtocolFrames.elements(body.get("tools"))
                .map(t -> new ToolDefinition(
                        t.get("name").asText(),
                        t.get("description").asText(),
                        ProtocolFrames.canonical(t.get("input_schema")),
                        t.path("timeout_ms").asInt(ToolDefinition.DEFAULT_TIMEOUT_MS),
                        ProtocolFrames.elements(t.path("tags"))
                                .map(JsonNode::asText)
                                .toList(),
                        t.path("idempotent").asBoolean(false)))
                .toList();
        long distinct =
                definitions.stream().map(ToolDefinition::name).distinct().count();
        if (distinct != definitions.size()) {
            error(state, "invalid_frame", "register: a tool name appears twice", "register");
            return;
        }
        state.channel.send(new SdkMessage.Registered(registration.register(session, definitions)));
    }

    /**
     * A call's result or error: one per call this router sent, so it does not count against the frame limit (a busy
     * connection answering over a thousand calls a second would otherwise have its answers refused and its calls hang).
     */
    private void answered(State state, boolean known) {
        if (known) {
            state.frames.refund();
        }
        counted(known);
    }

    private void counted(boolean known) {
        if (!known) {
            // a late result (the call timed out or was cancelled) or a forged call id: ignored, counted
            unknownResults.increment();
        }
    }

    private void error(State state, String code, String message, String ref) {
        protocolErrors.increment();
        Map<String, Object> frame = WebSocketChannel.frame("protocol_error");
        frame.put("code", code);
        frame.put("message", message);
        if (!ref.isEmpty()) {
            frame.put("ref", ref);
        }
        state.channel.sendFrame(frame);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        State state = (State) socket.getAttributes().get(STATE);
        SdkSession session = state == null ? null : state.session;
        if (session != null) {
            log.info(
                    "SDK session {} of connection {} closed ({})",
                    session.id(),
                    session.connectionId(),
                    status.getCode());
            dispatcher.sessionClosed(session);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession socket, Throwable exception) {
        log.debug("SDK socket {} transport error: {}", socket.getId(), exception.toString());
    }
}
