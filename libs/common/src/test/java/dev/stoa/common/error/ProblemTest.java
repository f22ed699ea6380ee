package dev.stoa.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.error.StoaException.FieldError;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void codesFrameworkStatuses() {
        assertThat(ProblemCodes.codeFor(404)).isEqualTo("not_found");
        assertThat(ProblemCodes.codeFor(415)).isEqualTo("unsupported_media_type");
        assertThat(ProblemCodes.codeFor(500)).isEqualTo("internal_error");
        assertThat(ProblemCodes.codeFor(502)).isEqualTo("internal_error");
        assertThat(ProblemCodes.codeFor(418)).isEqualTo("http_418");
    }

    @Test
    void derivesTypeAndTitleFromCodeAndStatus() {
        Problem problem = Problem.of(409, "version_conflict", "stale", "/api/v1/agents/a", "req_1");

        assertThat(problem.type()).isEqualTo("https://stoa.dev/problems/version_conflict");
        assertThat(problem.title()).isEqualTo("Conflict");
        assertThat(problem.retryable()).isFalse();
        assertThat(problem.errors()).isEmpty();
    }

    @Test
    void describesADomainExceptionWithItsFieldsAndRetryability() {
        Problem invalid = Problem.of(new InvalidInputException("name", "is required"), "/x", "req_2");
        Problem limited = Problem.of(new RateLimitedException("rate_limited", "slow down"), "/x", "req_3");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("validation_failed");
        assertThat(invalid.errors()).containsExactly(new FieldError("name", "is required"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryable()).isTrue();
    }

    @Test
    void neverShowsTheMessageOfAnInternalFailure() {
        StoaException internal = new StoaException(ErrorKind.INTERNAL, "internal_error", "SELECT * FROM secrets");

        Problem problem = Problem.of(internal, "/x", "req_4");

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).isEqualTo(ProblemCodes.INTERNAL_DETAIL).doesNotContain("secrets");
    }
}
