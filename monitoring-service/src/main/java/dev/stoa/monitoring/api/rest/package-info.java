@NullMarked
package dev.stoa.monitoring.api.rest;

import org.jspecify.annotations.NullMarked;
