package dev.stoa.identity.domain.model;

import java.util.Map;

/**
 * A mail to send: its kind picks the template, {@code link} is the one-time link it carries (a credential: never
 * printed), {@code details} fill the rest of the template (org name, inviter, expiry).
 */
public record Mail(Kind kind, String to, String link, Map<String, String> details) {
    public Mail {
        details = Map.copyOf(details);
    }

    /** The mails identity sends; each has a template of the same name. */
    public enum Kind {
        VERIFY_EMAIL("verify-email"),
        PASSWORD_RESET("password-reset"),
        INVITE_NEW_ACCOUNT("invite-new-account"),
        INVITE_EXISTING_ACCOUNT("invite-existing-account");

        private final String template;

        Kind(String template) {
            this.template = template;
        }

        /** The template's name (and the kind's name in logs and file names). */
        public String template() {
            return template;
        }
    }

    @Override
    public String toString() { // the link is a one-time credential
        return "Mail[kind=" + kind + ", to=" + to + "]";
    }
}
