package dev.stoa.providers;

/** A tool call made by the model, with its complete arguments as a JSON object text. */
public record ToolCall(String id, String name, String argumentsJson) {}
