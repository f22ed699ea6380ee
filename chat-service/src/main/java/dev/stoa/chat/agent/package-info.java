@NullMarked
package dev.stoa.chat.agent;

import org.jspecify.annotations.NullMarked;
