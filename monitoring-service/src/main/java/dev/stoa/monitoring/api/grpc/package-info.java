/** gRPC transport of monitoring-service: safety policies for the services that scan inline, spend for budgets. */
@NullMarked
package dev.stoa.monitoring.api.grpc;

import org.jspecify.annotations.NullMarked;
