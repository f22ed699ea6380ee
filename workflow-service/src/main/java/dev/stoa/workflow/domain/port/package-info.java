@NullMarked
package dev.stoa.workflow.domain.port;

import org.jspecify.annotations.NullMarked;
