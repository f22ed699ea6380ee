@NullMarked
package dev.stoa.workflow.api.rest;

import org.jspecify.annotations.NullMarked;
