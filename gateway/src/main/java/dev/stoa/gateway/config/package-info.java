/** Wiring and configuration properties of the gateway. */
@NullMarked
package dev.stoa.gateway.config;

import org.jspecify.annotations.NullMarked;
