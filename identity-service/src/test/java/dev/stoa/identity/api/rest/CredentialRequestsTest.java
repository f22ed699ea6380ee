package dev.stoa.identity.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.identity.domain.ApiKeyService;
import dev.stoa.web.validation.OneOf;
import dev.stoa.web.validation.OneOfValidator;
import org.junit.jupiter.api.Test;

/** The request records state the rules the domain enforces, so the API document shows them. */
class CredentialRequestsTest {

    @Test
    void apiKeyExpiriesAreTheOnesTheDomainAllows() throws Exception {
        OneOf expiries = CredentialRequests.CreateApiKey.class
                .getRecordComponents()[2]
                .getAccessor()
                .getAnnotation(OneOf.class);

        assertThat(CredentialRequests.CreateApiKey.class.getRecordComponents()[2].getName())
                .isEqualTo("expiresInDays");
        assertThat(OneOfValidator.values(expiries).stream().map(Integer::valueOf))
                .containsExactlyInAnyOrderElementsOf(ApiKeyService.EXPIRY_DAYS);
    }
}
