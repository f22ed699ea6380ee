package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.identity.domain.SigningKeyService;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the token-verification keys, and lets a platform operator (a service token) rotate them. */
@RestController
@Tag(name = "Auth")
public class JwksController {
    private final SigningKeyService keys;

    public JwksController(SigningKeyService keys) {
        this.keys = keys;
    }

    @GetMapping("/.well-known/jwks.json")
    @Operation(
            operationId = "getJwks",
            summary = "The public keys that verify platform tokens (RFC 7517 JSON Web Key Set).")
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(30)))
                .body(keys.publicKeys().toJSONObject());
    }

    @Hidden
    @PostMapping("/internal/signing-keys/rotate")
    public Map<String, String> rotate(Principal principal) {
        if (!principal.isService()) {
            throw new PermissionDeniedException("service_only", "only a platform service may rotate signing keys");
        }
        return Map.of("kid", keys.rotate());
    }
}
