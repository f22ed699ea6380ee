@NullMarked
package dev.stoa.agent.events;

import org.jspecify.annotations.NullMarked;
