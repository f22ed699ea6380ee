@NullMarked
package dev.stoa.workflow.config;

import org.jspecify.annotations.NullMarked;
