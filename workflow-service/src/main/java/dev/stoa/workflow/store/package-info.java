@NullMarked
package dev.stoa.workflow.store;

import org.jspecify.annotations.NullMarked;
