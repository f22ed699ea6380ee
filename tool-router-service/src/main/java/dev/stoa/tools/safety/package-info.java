/** The adapter of the safety policy port: monitoring-service's SafetyPolicies over gRPC, kept briefly. */
@NullMarked
package dev.stoa.tools.safety;

import org.jspecify.annotations.NullMarked;
