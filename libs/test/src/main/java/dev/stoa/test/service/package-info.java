/**
 * The service test kit: {@link dev.stoa.test.service.StoaServiceTest} runs a service against the shared
 * infrastructure, and its JUnit extensions hand tests the service's faces and fixtures.
 */
@NullMarked
package dev.stoa.test.service;

import org.jspecify.annotations.NullMarked;
