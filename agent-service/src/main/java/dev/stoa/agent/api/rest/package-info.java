@NullMarked
package dev.stoa.agent.api.rest;

import org.jspecify.annotations.NullMarked;
