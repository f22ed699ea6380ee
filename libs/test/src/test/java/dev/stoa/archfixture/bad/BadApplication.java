package dev.stoa.archfixture.bad;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service breaking each rule once. */
@SpringBootApplication
public final class BadApplication {}
