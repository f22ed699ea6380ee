/** Keycloak mode: users and passwords in a Keycloak realm, reached over its REST API; Keycloak tokens accepted. */
@NullMarked
package dev.stoa.identity.keycloak;

import org.jspecify.annotations.NullMarked;
