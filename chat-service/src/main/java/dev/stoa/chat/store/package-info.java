@NullMarked
package dev.stoa.chat.store;

import org.jspecify.annotations.NullMarked;
