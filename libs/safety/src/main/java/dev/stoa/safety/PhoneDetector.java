package dev.stoa.safety;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Phone numbers, found by Google's libphonenumber with {@code VALID} leniency: the number must be a valid one for
 * its region (international numbers with {@code +} for any region, national ones for the default region), which
 * keeps order numbers and amounts out.
 */
final class PhoneDetector implements Detector {

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    PhoneDetector(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    @Override
    public DetectorId id() {
        return DetectorId.PHONE;
    }

    @Override
    public List<Finding> detect(String text) {
        List<Finding> out = new ArrayList<>();
        for (PhoneNumberMatch m :
                phones.findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            String digits = Mask.compact(m.rawString());
            out.add(new Finding(id(), m.start(), m.end(), Mask.edges(digits, 0, 2)));
        }
        return out;
    }
}
