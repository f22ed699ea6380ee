package dev.stoa.workflow;

import dev.stoa.test.arch.StoaArchitecture;
import org.junit.jupiter.api.Test;

/** Keeps the layers of STYLE.md honest (the shared rule set of every service). */
class ArchitectureTest {
    @Test
    void followsTheStoaLayering() {
        StoaArchitecture.check("dev.stoa.workflow");
    }
}
