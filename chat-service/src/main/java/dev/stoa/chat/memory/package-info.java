/** Long-term memory through memory-service's gRPC {@code Memory} service. */
@NullMarked
package dev.stoa.chat.memory;

import org.jspecify.annotations.NullMarked;
