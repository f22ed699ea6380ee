@NullMarked
package dev.stoa.grpc.error;

import org.jspecify.annotations.NullMarked;
