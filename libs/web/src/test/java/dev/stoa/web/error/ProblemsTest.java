package dev.stoa.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void namesPathsAsJacksonSnakeCaseDoes() {
        assertThat(Problems.snakeCase("displayName")).isEqualTo("display_name");
        assertThat(Problems.snakeCase("members[2].displayName")).isEqualTo("members[2].display_name");
        assertThat(Problems.snakeCase("already_snake")).isEqualTo("already_snake");
        assertThat(Problems.snakeCase("URLPath")).isEqualTo("urlpath");
        assertThat(Problems.snakeCase("orgId.userId")).isEqualTo("org_id.user_id");
    }
}
