@NullMarked
package dev.stoa.agent.store;

import org.jspecify.annotations.NullMarked;
