@NullMarked
package dev.stoa.chat.api.grpc;

import org.jspecify.annotations.NullMarked;
