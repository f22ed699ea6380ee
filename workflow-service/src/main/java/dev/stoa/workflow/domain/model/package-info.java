@NullMarked
package dev.stoa.workflow.domain.model;

import org.jspecify.annotations.NullMarked;
