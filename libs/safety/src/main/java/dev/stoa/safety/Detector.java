package dev.stoa.safety;

import java.util.List;

/** Finds one kind of sensitive content in a text, in one pass over it. */
public interface Detector {

    /** The stable id of what this detector finds. */
    DetectorId id();

    /** The findings in {@code text}, in order of their start. */
    List<Finding> detect(String text);
}
