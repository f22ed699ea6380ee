@NullMarked
package dev.stoa.eval.peers;

import org.jspecify.annotations.NullMarked;
