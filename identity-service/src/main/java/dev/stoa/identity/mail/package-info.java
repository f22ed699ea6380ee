/**
 * The mail adapter: renders identity's mails from Mustache templates ({@code resources/mail}) and delivers them over
 * SMTP (Spring Mail) or into a file mailbox (the embedded default).
 */
@NullMarked
package dev.stoa.identity.mail;

import org.jspecify.annotations.NullMarked;
