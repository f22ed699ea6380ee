package dev.stoa.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Build step (exec-maven-plugin, process-test-classes): installs the npm packages of a tool directory
 * (deploy/compose-check, deploy/openapi-lint) with the machine's npm, only when the lock file is newer than the
 * installed tree. Without node on the PATH it only says so; the tests using the tool then skip with the reason.
 */
public final class NpmCi {
    private NpmCi() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Path.of(args[0]).toAbsolutePath();
        if (Tools.find("node").isEmpty() || Tools.find("npm").isEmpty()) {
            System.out.println("[" + dir.getFileName() + "] " + Tools.NO_NODE);
            return;
        }
        Path lock = dir.resolve("package-lock.json");
        Path installed = dir.resolve("node_modules/.package-lock.json");
        if (Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            System.out.println("[" + dir.getFileName() + "] npm packages are up to date");
            return;
        }
        List<String> command = List.of(
                Tools.find("npm").orElseThrow().toString(), "ci", "--no-audit", "--no-fund", "--prefer-offline");
        Process npm =
                new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        int exit = npm.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("npm ci in " + dir + " failed with exit code " + exit);
        }
    }
}
