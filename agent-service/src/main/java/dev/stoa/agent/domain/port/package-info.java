/**
 * The ports of the agent domain: what it needs from the outside (storage, events, the provider layer), declared
 * here and implemented by {@code store}, {@code events} and {@code provider}.
 */
@NullMarked
package dev.stoa.agent.domain.port;

import org.jspecify.annotations.NullMarked;
