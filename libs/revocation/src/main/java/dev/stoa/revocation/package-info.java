/**
 * One revocation registry for every service and the gateway: fed by {@code stoa.sessions.v1} and rebuilt from
 * identity-service's {@code ListRevokedCredentials} on start and whenever the broker lost data, so a logged-out
 * session or revoked key is refused everywhere within seconds and across any restart.
 */
@NullMarked
package dev.stoa.revocation;

import org.jspecify.annotations.NullMarked;
