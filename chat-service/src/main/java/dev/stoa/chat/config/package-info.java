@NullMarked
package dev.stoa.chat.config;

import org.jspecify.annotations.NullMarked;
