package dev.stoa.providers;

/** A tool the model may call: its name, what it does, and a JSON Schema (an object schema) for its arguments. */
public record ToolSpec(String name, String description, String parametersJsonSchema) {}
