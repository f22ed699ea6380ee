@NullMarked
package dev.stoa.web.page;

import org.jspecify.annotations.NullMarked;
