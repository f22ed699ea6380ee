package dev.stoa.safety;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs, compact or in groups of four: the country must be in the IBAN registry, the length must be that country's,
 * and the ISO 13616 mod-97 check must give 1.
 */
final class IbanDetector implements Detector {

    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![A-Za-z0-9])([A-Za-z]{2})[0-9]{2}(?: ?[A-Za-z0-9]){10,32}");

    /** IBAN lengths by country (SWIFT IBAN registry). */
    private static final Map<String, Integer> LENGTHS = lengths(
            "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 "
                    + "EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 "
                    + "IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 "
                    + "NI28 NL18 NO15 OM23 PK24 PL28 PS29 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 "
                    + "ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30");

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    @Override
    public DetectorId id() {
        return DetectorId.IBAN;
    }

    @Override
    public List<Finding> detect(String text) {
        List<Finding> out = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int end = ibanEnd(text, m.start(), m.end(), m.group(1).toUpperCase(Locale.ROOT));
            if (end > 0) {
                String compact = Mask.compact(text.substring(m.start(), end)).toUpperCase(Locale.ROOT);
                out.add(new Finding(id(), m.start(), end, Mask.edges(compact, 2, 2)));
                from = end;
            } else {
                // The candidate may have swallowed the start of a real IBAN after it.
                from = m.start() + 1;
            }
        }
        return out;
    }

    /** The end of a valid IBAN starting at {@code start}, or -1: takes exactly the country's length of characters. */
    private static int ibanEnd(String text, int start, int candidateEnd, String country) {
        Integer length = LENGTHS.get(country);
        if (length == null) {
            return -1;
        }
        StringBuilder compact = new StringBuilder(length);
        int i = start;
        while (i < candidateEnd && compact.length() < length) {
            char c = text.charAt(i++);
            if (c != ' ') {
                compact.append(c);
            }
        }
        if (compact.length() < length || (i < text.length() && Character.isLetterOrDigit(text.charAt(i)))) {
            return -1; // too short, or part of a longer token
        }
        return valid(compact.toString().toUpperCase(Locale.ROOT)) ? i : -1;
    }

    /** ISO 13616: move the first four characters to the end, letters to 10..35, the number mod 97 must be 1. */
    static boolean valid(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            digits.append(Character.digit(rearranged.charAt(i), 36));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    private static Map<String, Integer> lengths(String table) {
        Map<String, Integer> map = new HashMap<>();
        for (String entry : table.split(" ")) {
            map.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
        return Map.copyOf(map);
    }
}
