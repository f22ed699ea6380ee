package dev.stoa.identity.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"short1A!", "lowercaseonly", "password123", "aaaaaaaaaaaaaaaaaaaaA1!", "UPPERCASE12"})
    void rejectsWeakPasswords(String password) {
        assertThatThrownBy(() -> PasswordPolicy.check(password, "a@example.com"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Correct-Horse-42", "a long passphrase of words", "Tr0ub4dor&3xyz"})
    void acceptsStrongPasswords(String password) {
        assertThatCode(() -> PasswordPolicy.check(password, "a@example.com")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Me@Example.com1"})
    void rejectsTheEmailItself(String email) {
        assertThatThrownBy(() -> PasswordPolicy.check(email, email)).isInstanceOf(InvalidInputException.class);
    }
}
