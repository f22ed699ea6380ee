@NullMarked
package dev.stoa.workflow.domain;

import org.jspecify.annotations.NullMarked;
