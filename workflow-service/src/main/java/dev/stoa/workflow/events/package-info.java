@NullMarked
package dev.stoa.workflow.events;

import org.jspecify.annotations.NullMarked;
