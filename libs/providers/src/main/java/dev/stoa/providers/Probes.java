package dev.stoa.providers;

import java.util.List;
import java.util.function.Supplier;

/** The one-token streamed call that proves an endpoint streams. */
final class Probes {
    private Probes() {}

    static ChatRequest oneToken(String model) {
        return new ChatRequest(model, null, List.of(ChatMessage.user("Reply with: ok")), List.of(), 1, 0.0);
    }

    /** True when the stream ran to its Finished event. */
    static boolean streamsOneToken(Supplier<ChatStream> open) {
        try (ChatStream stream = open.get()) {
            for (ChatEvent event : stream) {
                if (event instanceof ChatEvent.Finished) {
                    return true;
                }
            }
            return false;
        }
    }
}
