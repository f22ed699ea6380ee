@NullMarked
package dev.stoa.chat.events;

import org.jspecify.annotations.NullMarked;
