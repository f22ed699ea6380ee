/** The adapter of the domain's safety-policy port: monitoring-service over gRPC. */
@NullMarked
package dev.stoa.chat.safety;

import org.jspecify.annotations.NullMarked;
