/**
 * Inline safety for the services that scan texts: monitoring's effective policy, kept briefly, and the events a scan's
 * detections become.
 */
@NullMarked
package dev.stoa.safetyclient;

import org.jspecify.annotations.NullMarked;
