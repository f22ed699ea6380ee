@NullMarked
package dev.stoa.workflow.engine;

import org.jspecify.annotations.NullMarked;
