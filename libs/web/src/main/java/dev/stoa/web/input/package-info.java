/** The input guard: characters and global ceilings every request body, query and path id must respect. */
@NullMarked
package dev.stoa.web.input;

import org.jspecify.annotations.NullMarked;
