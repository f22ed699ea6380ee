@NullMarked
package dev.stoa.tools.api.grpc;

import org.jspecify.annotations.NullMarked;
