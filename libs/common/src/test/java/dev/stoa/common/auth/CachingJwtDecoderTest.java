package dev.stoa.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTest {
    static final Instant NOW = Instant.parse("2026-12-03T16:00:00Z");

    /** Decodes "ok-<seconds to live>" tokens and refuses anything else, counting what it was asked. */
    static final class Counting implements JwtDecoder {
        final List<String> asked = new ArrayList<>();

        @Override
        public Jwt decode(String token) {
            asked.add(token);
            if (!token.startsWith("ok-")) {
                throw new BadJwtException("bad signature");
            }
            long ttl = Long.parseLong(token.substring(3));
            return Jwt.withTokenValue(token)
                    .header("alg", "RS256")
                    .subject("usr_1")
                    .issuedAt(NOW.minusSeconds(1))
                    .expiresAt(NOW.plusSeconds(ttl))
                    .build();
        }
    }

    static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final Counting delegate = new Counting();
    final MovableClock clock = new MovableClock();
    final CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, clock);

    @Test
    void verifiesAGivenTokenOnceWhileItLives() {
        Jwt first = decoder.decode("ok-300");
        Jwt second = decoder.decode("ok-300");
        decoder.decode("ok-301");

        assertThat(second).isSameAs(first);
        assertThat(delegate.asked).containsExactly("ok-300", "ok-301");
    }

    @Test
    void neverAnswersFromMemoryPastTheTokensExpiry() {
        decoder.decode("ok-10");
        clock.now = NOW.plus(Duration.ofSeconds(10));

        decoder.decode("ok-10");

        assertThat(delegate.asked).containsExactly("ok-10", "ok-10");
    }

    @Test
    void remembersNoFailure() {
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(delegate.asked).containsExactly("forged", "forged");
    }

    @Test
    void doesNotRememberATokenTheDelegateAcceptedWithinItsClockSkew() {
        clock.now = NOW.plusSeconds(20);
        decoder.decode("ok-5");
        decoder.decode("ok-5");

        assertThat(delegate.asked).containsExactly("ok-5", "ok-5");
    }
}
