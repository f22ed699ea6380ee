/** A fake model provider speaking the OpenAI and Anthropic wire protocols over real HTTP, for tests and benchmarks. */
@NullMarked
package dev.stoa.fakeprovider;

import org.jspecify.annotations.NullMarked;
