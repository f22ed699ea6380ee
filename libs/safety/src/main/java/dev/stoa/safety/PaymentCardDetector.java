package dev.stoa.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, optionally grouped by spaces or hyphens, that pass the Luhn check and start
 * with an issuer range of a card scheme that issues that length. A longer digit run is not a card.
 */
final class PaymentCardDetector implements Detector {

    /** A run of digits with at most one space or hyphen between two digits, not part of a word. */
    private static final Pattern RUN = Pattern.compile("(?<![A-Za-z0-9_])[0-9]+(?:[ -][0-9]+)*(?![A-Za-z0-9_])");

    private static final Pattern GROUP = Pattern.compile("[0-9]+");

    @Override
    public DetectorId id() {
        return DetectorId.PAYMENT_CARD;
    }

    @Override
    public List<Finding> detect(String text) {
        List<Finding> out = new ArrayList<>();
        Matcher run = RUN.matcher(text);
        while (run.find()) {
            if (run.end() - run.start() >= 13) {
                findInRun(text, run.start(), run.end(), out);
            }
        }
        return out;
    }

    /**
     * A run may hold a card next to other numbers ({@code 4111 1111 1111 1111 12 25}): every sequence of whole digit
     * groups is a candidate, the leftmost longest valid one wins. A run of one group is a card only as a whole.
     */
    private void findInRun(String text, int from, int to, List<Finding> out) {
        List<int[]> groups = new ArrayList<>();
        Matcher g = GROUP.matcher(text).region(from, to);
        while (g.find()) {
            groups.add(new int[] {g.start(), g.end()});
        }
        int i = 0;
        while (i < groups.size()) {
            int found = -1;
            int digits = 0;
            for (int j = i; j < groups.size() && digits <= 19; j++) {
                digits += groups.get(j)[1] - groups.get(j)[0];
                if (digits >= 13 && digits <= 19) {
                    String d = Mask.compact(text.substring(groups.get(i)[0], groups.get(j)[1]));
                    if (luhn(d) && knownIssuer(d)) {
                        found = j;
                    }
                }
            }
            if (found >= 0) {
                int start = groups.get(i)[0];
                int end = groups.get(found)[1];
                out.add(new Finding(id(), start, end, Mask.edges(Mask.compact(text.substring(start, end)), 0, 4)));
                i = found + 1;
            } else {
                i++;
            }
        }
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Issuer identification ranges of the major schemes with the lengths they issue. */
    static boolean knownIssuer(String d) {
        int len = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        int p6 = Integer.parseInt(d.substring(0, 6));
        boolean sixteenTo19 = len >= 16 && len <= 19;
        if (d.charAt(0) == '4') { // Visa
            return len == 13 || len == 16 || len == 19;
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) { // Mastercard
            return len == 16;
        }
        if (p2 == 34 || p2 == 37) { // American Express
            return len == 15;
        }
        if (p4 >= 2200 && p4 <= 2204) { // Mir
            return sixteenTo19;
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) { // Discover
            return sixteenTo19;
        }
        if (p2 == 62) { // UnionPay
            return sixteenTo19;
        }
        if (p4 >= 3528 && p4 <= 3589) { // JCB
            return sixteenTo19;
        }
        if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) { // Diners Club
            return len >= 14 && len <= 19;
        }
        // Maestro
        return (p2 == 50 || (p2 >= 56 && p2 <= 58) || d.charAt(0) == '6') && len >= 13;
    }
}
