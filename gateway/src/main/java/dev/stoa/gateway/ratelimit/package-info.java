/** Per API key, per user and per IP request budgets (Bucket4j, in memory or on Redis). */
@NullMarked
package dev.stoa.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
