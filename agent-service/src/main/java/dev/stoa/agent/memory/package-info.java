/** Long-term memory through memory-service's gRPC {@code Memory} service (for the prompt preview). */
@NullMarked
package dev.stoa.agent.memory;

import org.jspecify.annotations.NullMarked;
