/** Sentence embeddings computed in-process, unit length, for cosine similarity by dot product. */
@NullMarked
package dev.stoa.embeddings;

import org.jspecify.annotations.NullMarked;
