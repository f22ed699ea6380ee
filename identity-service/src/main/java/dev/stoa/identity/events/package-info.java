@NullMarked
package dev.stoa.identity.events;

import org.jspecify.annotations.NullMarked;
