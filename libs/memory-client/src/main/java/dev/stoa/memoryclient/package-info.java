/**
 * Long-term memory for the services that build prompts: facts recalled from memory-service under a short deadline,
 * and the prompt block they become.
 */
@NullMarked
package dev.stoa.memoryclient;

import org.jspecify.annotations.NullMarked;
