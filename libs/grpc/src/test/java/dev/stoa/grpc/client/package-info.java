@NullMarked
package dev.stoa.grpc.client;

import org.jspecify.annotations.NullMarked;
