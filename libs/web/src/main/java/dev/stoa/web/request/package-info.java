@NullMarked
package dev.stoa.web.request;

import org.jspecify.annotations.NullMarked;
