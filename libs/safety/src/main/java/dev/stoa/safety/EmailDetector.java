package dev.stoa.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses: a dotted domain with a letter TLD is required, so {@code user@localhost} is not one. */
final class EmailDetector implements Detector {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
                    + "([A-Za-z]{2,24}))(?![A-Za-z0-9-])");

    @Override
    public DetectorId id() {
        return DetectorId.EMAIL;
    }

    @Override
    public List<Finding> detect(String text) {
        List<Finding> out = new ArrayList<>();
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            String local = m.group(1);
            String domain = m.group(2);
            String preview = local.charAt(0) + "***@" + domain.charAt(0) + "***." + m.group(3);
            out.add(new Finding(id(), m.start(), m.end(), preview));
        }
        return out;
    }
}
