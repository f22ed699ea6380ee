/** Two tiny services for StoaArchitectureTest: one laid out right, one breaking every rule. */
@NullMarked
package dev.stoa.archfixture;

import org.jspecify.annotations.NullMarked;
