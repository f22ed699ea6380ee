package dev.stoa.archfixture.good;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service laid out as StoaArchitecture wants it. */
@SpringBootApplication
public final class GoodApplication {}
