/** The adapter to the shared provider layer ({@code dev.stoa.providers}): base-URL policy and provider probes. */
@NullMarked
package dev.stoa.agent.provider;

import org.jspecify.annotations.NullMarked;
