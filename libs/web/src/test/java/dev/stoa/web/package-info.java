@NullMarked
package dev.stoa.web;

import org.jspecify.annotations.NullMarked;
