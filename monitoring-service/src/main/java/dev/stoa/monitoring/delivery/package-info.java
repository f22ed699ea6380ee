/** Webhook delivery: the worker that claims due deliveries and the SSRF-vetted HTTP client that sends them. */
@NullMarked
package dev.stoa.monitoring.delivery;

import org.jspecify.annotations.NullMarked;
