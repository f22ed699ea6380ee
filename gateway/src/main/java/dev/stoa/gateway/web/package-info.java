/** Cross-cutting HTTP concerns: problem responses, request ids and tracing, body limits, health. */
@NullMarked
package dev.stoa.gateway.web;

import org.jspecify.annotations.NullMarked;
