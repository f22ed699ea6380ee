package dev.stoa.chat.domain;

import java.time.Duration;

/** Settings of the turn engine ({@code config.ChatProperties} implements it). */
public interface ChatSettings {
    /** Model calls a turn may make (each tool round is one); past it the turn ends with the model's last answer. */
    int maxSteps();

    /** How long one tool call may take before it becomes a {@code tool_timeout} error the model sees. */
    Duration toolTimeout();
}
