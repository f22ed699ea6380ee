@NullMarked
package dev.stoa.tools.embeddings;

import org.jspecify.annotations.NullMarked;
