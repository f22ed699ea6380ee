@NullMarked
package dev.stoa.memory.api.grpc;

import org.jspecify.annotations.NullMarked;
