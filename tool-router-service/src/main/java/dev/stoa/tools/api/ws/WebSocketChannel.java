package dev.stoa.tools.api.ws;

import dev.stoa.tools.domain.model.SdkMessage;
import dev.stoa.tools.domain.port.SdkChannel;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/** An SDK session's socket: thread-safe sends with a bounded buffer (a peer that stops reading is dropped). */
final class WebSocketChannel implements SdkChannel {
    private static final Logger log = LoggerFactory.getLogger(WebSocketChannel.class);
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int BUFFER_LIMIT_BYTES = 4 * 1024 * 1024;

    private final WebSocketSession socket;

    WebSocketChannel(WebSocketSession socket) {
        this.socket = new ConcurrentWebSocketSessionDecorator(
                socket,
                SEND_TIME_LIMIT_MS,
                BUFFER_LIMIT_BYTES,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
    }

    @Override
    public boolean send(SdkMessage message) {
        return sendFrame(frame(message));
    }

    boolean sendFrame(Map<String, ?> frame) {
        if (!socket.isOpen()) {
            return false;
        }
        try {
            socket.sendMessage(new TextMessage(ProtocolFrames.write(frame)));
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("send to SDK session {} failed: {}", socket.getId(), e.toString());
            return false;
        }
    }

    @Override
    public void close(String reason) {
        close(CloseStatus.POLICY_VIOLATION, reason);
    }

    void close(CloseStatus status, String reason) {
        try {
            socket.close(status.withReason(reason));
        } catch (IOException e) {
            log.debug("closing SDK session {} failed: {}", socket.getId(), e.toString());
        }
    }

    static Map<String, Object> frame(String type) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("v", ProtocolFrames.VERSION);
        frame.put("type", type);
        return frame;
    }

    // arguments were checked to be a JSON object when the call was accepted
    private static Map<String, Object> frame(SdkMessage message) {
        return switch (message) {
            case SdkMessage.Call call -> {
                Map<String, Object> f = frame("call");
                f.put("call_id", call.callId());
                f.put("tool", call.tool());
                f.put("arguments", ProtocolFrames.tree(call.argumentsJson()));
                f.put("timeout_ms", call.timeoutMs());
                yield f;
            }
            case SdkMessage.Cancel cancel -> {
                Map<String, Object> f = frame("cancel");
                f.put("call_id", cancel.callId());
                f.put("reason", cancel.reason());
                yield f;
            }
            case SdkMessage.Registered registered -> {
                Map<String, Object> f = frame("registered");
                f.put(
                        "tools",
                        registered.tools().stream()
                                .map(r -> {
                                    Map<String, Object> t = new LinkedHashMap<>();
                                    t.put("name", r.name());
                                    t.put("status", r.accepted() ? "accepted" : "refused");
                                    t.put("version", r.version());
                                    if (r.accepted()) {
                                        t.put("tool_id", r.toolId());
                                    } else {
                                        t.put("error", r.error());
                                    }
                                    return t;
                                })
                                .toList());
                yield f;
            }
        };
    }
}
