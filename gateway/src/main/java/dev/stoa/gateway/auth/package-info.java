/** Authentication at the edge: platform JWTs, credential exchange with identity, revocation, scopes. */
@NullMarked
package dev.stoa.gateway.auth;

import org.jspecify.annotations.NullMarked;
