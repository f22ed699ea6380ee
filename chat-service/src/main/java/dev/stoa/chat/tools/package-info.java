@NullMarked
package dev.stoa.chat.tools;

import org.jspecify.annotations.NullMarked;
