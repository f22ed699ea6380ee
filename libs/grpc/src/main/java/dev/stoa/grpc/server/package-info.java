@NullMarked
package dev.stoa.grpc.server;

import org.jspecify.annotations.NullMarked;
