/** The architecture rules every Stoa service checks with one line ({@link dev.stoa.test.arch.StoaArchitecture}). */
@NullMarked
package dev.stoa.test.arch;

import org.jspecify.annotations.NullMarked;
