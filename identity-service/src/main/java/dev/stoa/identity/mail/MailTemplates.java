package dev.stoa.identity.mail;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.stoa.identity.domain.model.Mail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The mail templates ({@code classpath:mail/<kind>.txt} and {@code .html}), compiled once with JMustache: the text
 * template's first line is the subject. Values are escaped in HTML (an org name is anyone's input) and taken as they
 * are in text.
 */
final class MailTemplates {
    private final Map<Mail.Kind, Compiled> templates = new EnumMap<>(Mail.Kind.class);

    MailTemplates() {
        Mustache.Compiler text = Mustache.compiler().escapeHTML(false).strictSections(true);
        Mustache.Compiler html = Mustache.compiler().escapeHTML(true).strictSections(true);
        for (Mail.Kind kind : Mail.Kind.values()) {
            String source = read(kind.template() + ".txt");
            int newline = source.indexOf('\n');
            templates.put(
                    kind,
                    new Compiled(
                            text.compile(source.substring(0, newline)),
                            text.compile(source.substring(newline + 1)),
                            html.compile(read(kind.template() + ".html"))));
        }
    }

    /** The subject (one line), the text and the HTML body of {@code mail}. */
    Rendered render(Mail mail) {
        Map<String, String> values = new HashMap<>(mail.details());
        values.put("link", mail.link());
        values.put("to", mail.to());
        Compiled compiled = Objects.requireNonNull(templates.get(mail.kind())); // one per kind, compiled at start
        // A value with a line break must not start a header of its own.
        String subject =
                compiled.subject().execute(values).replaceAll("[\\r\\n]+", " ").strip();
        return new Rendered(
                subject, compiled.text().execute(values), compiled.html().execute(values));
    }

    private static String read(String name) {
        try (InputStream in = MailTemplates.class.getResourceAsStream("/mail/" + name)) {
            if (in == null) {
                throw new IllegalStateException("mail template " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mail's rendered parts. */
    record Rendered(String subject, String text, String html) {
        @Override
        public String toString() { // the bodies carry the one-time link
            return "Rendered[subject=" + subject + "]";
        }
    }

    private record Compiled(Template subject, Template text, Template html) {}
}
