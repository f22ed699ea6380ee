/**
 * Provider layer: streaming chat completions with tool calls and token usage over the OpenAI Chat Completions and
 * Anthropic Messages protocols, with timeouts, retries before the first token, per-endpoint circuit breakers and an
 * SSRF guard for base URLs. Entry point: {@link dev.stoa.providers.ProviderClients}.
 */
@NullMarked
package dev.stoa.providers;

import org.jspecify.annotations.NullMarked;
