/** What Stoa's APIs accept as input, shared by the services' guard and the gateway's. */
@NullMarked
package dev.stoa.common.input;

import org.jspecify.annotations.NullMarked;
