package dev.stoa.memory.domain.model;

/** One extraction call's answer and what it cost (catalog prices, micro-USD). */
public record ModelReply(
        String text, String providerId, String model, long inputTokens, long outputTokens, long costMicros) {}
