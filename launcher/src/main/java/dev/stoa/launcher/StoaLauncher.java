package dev.stoa.launcher;

/** Starts the embedded default. */
public final class StoaLauncher {
    public static void main(String[] args) {}
}
