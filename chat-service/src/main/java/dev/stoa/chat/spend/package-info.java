/** Spend from monitoring-service's cost ledger over gRPC, with a short cache. */
@NullMarked
package dev.stoa.chat.spend;

import org.jspecify.annotations.NullMarked;
