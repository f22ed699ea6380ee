package dev.stoa.safety;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials: the key shapes of the big providers (OpenAI {@code sk-…}, Anthropic {@code sk-ant-…}, AWS access key
 * ids, GitHub and Slack tokens), JWTs, PEM private keys, and {@code …key=}/{@code …token=}/{@code …secret=}
 * assignments whose value looks random (at least 16 characters, letters and digits, Shannon entropy of at least
 * {@value #MIN_ENTROPY} bits a character): {@code token=changeme} or a placeholder is left alone.
 */
final class SecretDetector implements Detector {

    static final double MIN_ENTROPY = 3.3;

    private static final Pattern SECRETS = Pattern.compile("(?<![A-Za-z0-9_])(?:"
            + "(?<anthropic>sk-ant-[A-Za-z0-9_-]{20,})"
            + "|(?<openai>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,})"
            + "|(?<aws>(?:AKIA|ASIA)[0-9A-Z]{16})(?![A-Za-z0-9])"
            + "|(?<github>gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})"
            + "|(?<slack>xox[abposr]-[A-Za-z0-9-]{10,})"
            + "|(?<jwt>eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,})"
            + "|(?<pem>-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
            + "(?s:.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|.*))"
            + "|(?<name>[A-Za-z0-9_.-]*(?i:key|token|secret|passw(?:or)?d|credentials?))[\"']?\\s*[:=]\\s*[\"']?"
            + "(?<value>[A-Za-z0-9_+/=.~-]{16,})"
            + ")");

    /** What a preview shows of each shape: its public prefix, never a character of the secret part. */
    private static final Map<String, String> PREFIXES = prefixes();

    @Override
    public DetectorId id() {
        return DetectorId.SECRET;
    }

    @Override
    public List<Finding> detect(String text) {
        List<Finding> out = new ArrayList<>();
        Matcher m = SECRETS.matcher(text);
        while (m.find()) {
            String value = m.group("value");
            if (value != null) {
                if (random(value)) {
                    out.add(new Finding(id(), m.start("value"), m.end("value"), m.group("name") + "=********"));
                }
                continue;
            }
            for (Map.Entry<String, String> shape : PREFIXES.entrySet()) {
                if (m.group(shape.getKey()) != null) {
                    out.add(new Finding(id(), m.start(), m.end(), shape.getValue() + "********"));
                    break;
                }
            }
        }
        return out;
    }

    /** Letters and digits, with the spread of characters of a generated key rather than of a word or a pattern. */
    static boolean random(String value) {
        boolean letter = false;
        boolean digit = false;
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
            counts.merge(c, 1, Integer::sum);
        }
        double entropy = 0;
        for (int count : counts.values()) {
            double p = (double) count / value.length();
            entropy -= p * Math.log(p) / Math.log(2);
        }
        return letter && digit && entropy >= MIN_ENTROPY;
    }

    private static Map<String, String> prefixes() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("anthropic", "sk-ant-");
        map.put("openai", "sk-");
        map.put("aws", "AKIA/ASIA ");
        map.put("github", "github token ");
        map.put("slack", "xox-");
        map.put("jwt", "eyJ…");
        map.put("pem", "-----BEGIN PRIVATE KEY----- ");
        return Collections.unmodifiableMap(map);
    }
}
