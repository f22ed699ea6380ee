package dev.stoa.safety;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt-injection heuristics. Each rule that matches adds its weight once; the text is reported (every matched
 * phrase a finding) when the sum reaches {@value #THRESHOLD}. A strong rule ("ignore all previous instructions",
 * asking for the system prompt) reaches it alone; weak markers ("you are now …", "developer mode", "act as …") only
 * together, so "act as a translator" alone is not an attack.
 */
final class PromptInjectionDetector implements Detector {

    static final double THRESHOLD = 1.0;

    private static final String[] RULES = {
        // Overriding the instructions: strong.
        "(?:ignore|disregard|forget|override|bypass)\\s+(?:all\\s+|any\\s+|the\\s+|your\\s+|of\\s+)*"
                + "(?:previous|prior|above|earlier|preceding|former|original|system)\\s+"
                + "(?:instructions?|prompts?|rules|directions|guidelines|context|messages?)",
        // System prompt exfiltration: strong.
        "(?:reveal|show|print|repeat|output|display|leak|tell\\s+me|give\\s+me|what\\s+(?:is|are|was|were))\\s+"
                + "(?:me\\s+)?(?:your|the)\\s+(?:full\\s+|exact\\s+|entire\\s+)?(?:system|initial|original|hidden|secret)\\s+"
                + "(?:prompt|instructions?|message)",
        "repeat\\s+(?:everything|all|the\\s+(?:text|words))\\s+(?:above|before\\s+this)",
        // Role reassignment and jailbreak personas: weak.
        "you\\s+are\\s+now\\s+(?:a|an|the|in|no\\s+longer|free|dan|unrestricted|jailbroken)",
        "(?:developer|dan|god|jailbreak|unrestricted)\\s+mode|do\\s+anything\\s+now|\\bjailbreak",
        "(?:pretend\\s+(?:you\\s+are|to\\s+be)|act\\s+as|role-?play\\s+as)\\s+",
        "(?:without|no|ignore\\s+(?:all\\s+|your\\s+)?)\\s+(?:any\\s+)?(?:ethical\\s+|moral\\s+|safety\\s+|content\\s+)?"
                + "(?:restrictions|filters|limitations|censorship|guidelines)",
        // Fake turn or system markers inside a user text: medium.
        "<\\|im_start\\|>\\s*system|\\[/?(?:system|inst)\\]|^\\s*#{2,}\\s*(?:system|new\\s+instructions)|new\\s+instructions\\s*:",
    };

    private static final double[] WEIGHTS = {1.0, 1.0, 0.8, 0.6, 0.6, 0.3, 0.5, 0.6};

    private static final Pattern ANY = compile();

    @Override
    public DetectorId id() {
        return DetectorId.PROMPT_INJECTION;
    }

    @Override
    public List<Finding> detect(String text) {
        List<Finding> hits = new ArrayList<>();
        BitSet matchedRules = new BitSet(RULES.length);
        double score = 0;
        Matcher m = ANY.matcher(text);
        while (m.find()) {
            for (int r = 0; r < RULES.length; r++) {
                if (m.start("r" + r) >= 0) {
                    if (!matchedRules.get(r)) {
                        matchedRules.set(r);
                        score += WEIGHTS[r];
                    }
                    break;
                }
            }
            hits.add(new Finding(id(), m.start(), m.end(), preview(m.group())));
        }
        return score >= THRESHOLD ? hits : List.of();
    }

    /** The phrase itself, normalised: it is the attack, not a secret of the user's. */
    private static String preview(String phrase) {
        String normal = phrase.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return normal.length() <= 48 ? normal : normal.substring(0, 47) + "…";
    }

    private static Pattern compile() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < RULES.length; r++) {
            // Word rules start at a word boundary ("casino filters" holds no "no filters"); the marker rule starts with
            // symbols.
            String boundary = r < RULES.length - 1 ? "\\b" : "";
            sb.append(r == 0 ? "" : "|")
                    .append("(?<r")
                    .append(r)
                    .append('>')
                    .append(boundary)
                    .append(RULES[r])
                    .append(')');
        }
        return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    }
}
