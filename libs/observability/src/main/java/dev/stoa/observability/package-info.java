/** Observability defaults shared by every Stoa service: metrics, structured logs, health groups. */
@NullMarked
package dev.stoa.observability;

import org.jspecify.annotations.NullMarked;
