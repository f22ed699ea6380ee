/** PII, secret and prompt-injection detectors over text, and the scanner that applies a safety policy to them. */
@NullMarked
package dev.stoa.safety;

import org.jspecify.annotations.NullMarked;
