@NullMarked
package dev.stoa.chat.provider;

import org.jspecify.annotations.NullMarked;
