@NullMarked
package dev.stoa.agent.domain;

import org.jspecify.annotations.NullMarked;
