package dev.stoa.identity.domain;

import dev.stoa.identity.domain.model.User;
import dev.stoa.identity.domain.port.PasswordAuthority;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Builtin mode: Argon2id hashes in identity's own users table, re-hashed at login when made with weaker parameters. */
public final class BuiltinPasswordAuthority implements PasswordAuthority {
    private final PasswordEncoder passwords;
    private final String dummyHash;

    public BuiltinPasswordAuthority(PasswordEncoder passwords) {
        this.passwords = passwords;
        // Checked against when the email is unknown, so both failures cost the same time.
        this.dummyHash = passwords.encode("no-such-user-" + Secrets.generate(""));
    }

    @Override
    public Enrolled enroll(NewAccount account) {
        return new Enrolled(passwords.encode(account.password()), null);
    }

    @Override
    public void discard(Enrolled enrolled) {}

    @Override
    public boolean verify(@Nullable User user, String email, String password) {
        String hash = user == null || user.passwordHash() == null ? null : user.passwordHash();
        boolean ok = passwords.matches(password, hash == null ? dummyHash : hash);
        return hash != null && ok;
    }

    @Override
    public @Nullable String upgradedHash(User user, String password) {
        String hash = user.passwordHash();
        return hash != null && passwords.upgradeEncoding(hash) ? passwords.encode(password) : null;
    }

    @Override
    public String hashForChange(User user, String password) {
        return passwords.encode(password);
    }

    @Override
    public boolean isActive(User user) {
        return true;
    }

    @Override
    public void endSessions(User user) {}
}
