@NullMarked
package dev.stoa.workflow.peers;

import org.jspecify.annotations.NullMarked;
