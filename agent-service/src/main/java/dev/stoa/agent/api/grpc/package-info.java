@NullMarked
package dev.stoa.agent.api.grpc;

import org.jspecify.annotations.NullMarked;
