/**
 * Shared test fixtures: one embedded PostgreSQL and one in-JVM Kafka broker per JVM (Testcontainers when a Docker
 * engine is present), per-service databases with separate owner and app roles, and platform-token helpers.
 */
@NullMarked
package dev.stoa.test;

import org.jspecify.annotations.NullMarked;
