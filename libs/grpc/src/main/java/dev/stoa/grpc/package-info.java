@NullMarked
package dev.stoa.grpc;

import org.jspecify.annotations.NullMarked;
