@NullMarked
package dev.stoa.agent.config;

import org.jspecify.annotations.NullMarked;
