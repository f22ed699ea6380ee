/**
 * The embedded default's infrastructure: PostgreSQL 17 from zonky's binaries with per-service databases (owner and
 * app roles), an in-JVM KRaft Kafka broker, services as child JVMs of their executable jars, and a reaper that ends
 * every child process when the JVM that started it ends, however it ends. Used by the launcher, the benchmarks and the
 * test kit ({@code stoa-test-support}).
 */
@NullMarked
package dev.stoa.embedded;

import org.jspecify.annotations.NullMarked;
