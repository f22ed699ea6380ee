/** The gateway benchmark: trivial upstream, platform under test, Portkey for comparison, wrk as load generator. */
package dev.stoa.bench;
