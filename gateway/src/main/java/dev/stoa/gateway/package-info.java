/** The gateway: the one front door of the platform. */
@NullMarked
package dev.stoa.gateway;

import org.jspecify.annotations.NullMarked;
