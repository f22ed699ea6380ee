package dev.stoa.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National identifiers with a structure strong enough to tell them from other numbers: US Social Security numbers
 * (separated form only, never-issued ranges excluded), UK National Insurance numbers (the prefixes HMRC never
 * allocates excluded) and Spanish DNI numbers (the check letter must match).
 */
final class NationalIdDetector implements Detector {

    private static final Pattern IDS = Pattern.compile("(?<![A-Za-z0-9-])(?:"
            + "(?<ssn>(?<area>[0-9]{3})(?<sep>[- ])(?<group>[0-9]{2})\\k<sep>(?<serial>[0-9]{4}))"
            + "|(?<nino>(?<ninoPrefix>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D])"
            + "|(?<dni>(?<dniNumber>[0-9]{8})-?(?<dniLetter>[A-Z]))"
            + ")(?![A-Za-z0-9-])");

    private static final Set<String> NINO_NEVER_ALLOCATED = Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");

    /** SSNs printed in advertising and on sample cards, never valid for a person. */
    private static final Set<String> SSN_PUBLISHED_SAMPLES = Set.of("078051120", "219099999", "123456789");

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    @Override
    public DetectorId id() {
        return DetectorId.NATIONAL_ID;
    }

    @Override
    public List<Finding> detect(String text) {
        List<Finding> out = new ArrayList<>();
        Matcher m = IDS.matcher(text);
        while (m.find()) {
            if (valid(m)) {
                out.add(new Finding(id(), m.start(), m.end(), Mask.edges(Mask.compact(m.group()), 0, 2)));
            }
        }
        return out;
    }

    private static boolean valid(Matcher m) {
        if (m.group("ssn") != null) {
            int area = Integer.parseInt(m.group("area"));
            return area != 0
                    && area != 666
                    && area < 900
                    && !m.group("group").equals("00")
                    && !m.group("serial").equals("0000")
                    && !SSN_PUBLISHED_SAMPLES.contains(Mask.compact(m.group("ssn")));
        }
        if (m.group("nino") != null) {
            return !NINO_NEVER_ALLOCATED.contains(m.group("ninoPrefix"));
        }
        int number = Integer.parseInt(m.group("dniNumber"));
        return DNI_LETTERS.charAt(number % 23) == m.group("dniLetter").charAt(0);
    }
}
