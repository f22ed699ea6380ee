@NullMarked
package dev.stoa.identity.api.grpc;

import org.jspecify.annotations.NullMarked;
