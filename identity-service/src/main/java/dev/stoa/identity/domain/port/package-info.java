/**
 * The ports of the identity domain: what it needs from the outside (storage, events, settings, password and token
 * authorities), declared here and implemented by {@code store}, {@code events}, {@code config} and {@code keycloak}.
 */
@NullMarked
package dev.stoa.identity.domain.port;

import org.jspecify.annotations.NullMarked;
