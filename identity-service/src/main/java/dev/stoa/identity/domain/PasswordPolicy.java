package dev.stoa.identity.domain;

import dev.stoa.common.error.InvalidInputException;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be: 10 to 128 characters, at least three character classes (or 16+ characters), not a
 * well-known password, not the email address.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = Set.of(
            "password123",
            "password1234",
            "123456789a",
            "qwertyuiop",
            "1q2w3e4r5t",
            "iloveyou123",
            "admin12345",
            "welcome123",
            "letmein123",
            "passw0rd123",
            "p@ssw0rd123",
            "qwerty12345",
            "changeme123",
            "password!1");

    private PasswordPolicy() {}

    public static void check(String password, String email) {
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw weak("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || lower.equals(email.toLowerCase(Locale.ROOT))) {
            throw weak("is too common or equals the email address");
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3 && password.length() < 16) {
            throw weak("needs three of: lower case, upper case, digits, symbols (or at least 16 characters)");
        }
        if (password.chars().distinct().count() < 5) {
            throw weak("repeats too few distinct characters");
        }
    }

    private static InvalidInputException weak(String why) {
        return new InvalidInputException("password", why);
    }
}
