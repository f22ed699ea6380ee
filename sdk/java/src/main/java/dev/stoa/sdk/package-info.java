/** Java SDK of Stoa: tools of a backend, served over the SDK WebSocket. */
@NullMarked
package dev.stoa.sdk;

import org.jspecify.annotations.NullMarked;
