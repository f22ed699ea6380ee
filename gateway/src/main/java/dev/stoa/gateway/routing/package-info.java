/** Config-driven routes to the services, in an explicit order. */
@NullMarked
package dev.stoa.gateway.routing;

import org.jspecify.annotations.NullMarked;
