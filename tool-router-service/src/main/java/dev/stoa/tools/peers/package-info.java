/** Adapters to other Stoa services' wire contracts (chat-service's gRPC). */
@NullMarked
package dev.stoa.tools.peers;

import org.jspecify.annotations.NullMarked;
