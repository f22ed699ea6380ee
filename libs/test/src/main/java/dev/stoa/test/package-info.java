/**
 * Shared test fixtures: Testcontainers for {@code dev.stoa.embedded}'s JVM-wide PostgreSQL and Kafka when a Docker
 * engine is present, a real Keycloak, platform-token helpers and the tests' HTTP client.
 */
@NullMarked
package dev.stoa.test;

import org.jspecify.annotations.NullMarked;
