package dev.stoa.safety;

/**
 * One match of a detector: where it is ({@code [start, end)} in the scanned text) and a masked preview. It never holds
 * the matched text itself, so a finding is safe to log, store and return.
 */
public record Finding(DetectorId detector, int start, int end, String preview) {

    public Finding {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }
}
