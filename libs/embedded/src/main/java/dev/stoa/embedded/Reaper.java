package dev.stoa.embedded;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the processes this JVM started when this JVM ends, however it ends: also on {@code kill -9}, an OOM kill or a
 * test run's timeout, when no shutdown hook runs. The services, PostgreSQL and Keycloak would otherwise live on as
 * orphans holding their ports and data directories, and the next {@code ./stoa up} or test run would fail on them.
 *
 * <p>How: one small {@code bash} watcher per JVM, started on first use, reads registrations from a pipe whose only
 * writer is this JVM. The kernel closes the pipe when the JVM ends, whatever ends it; the watcher then sends SIGTERM to
 * what was registered (with descendants), SIGKILL to whatever is left after five seconds, and deletes temporary
 * directories. Each process is registered with its start time, so a recycled pid is never signalled. Why not the
 * alternatives: Java cannot set {@code PR_SET_PDEATHSIG}, which would also fire when the thread that started the child
 * ends, not the JVM; a parent-pid watchdog inside each service would not cover PostgreSQL (which {@code pg_ctl}
 * detaches from our process tree) or Keycloak, so they would need this anyway. On a normal exit the shutdown hooks have
 * already stopped everything and the watcher finds nothing left to do.
 */
public final class Reaper {
    private static final Logger log = LoggerFactory.getLogger(Reaper.class);

    /**
     * Commands, one a line: {@code tree SIG PID START} (the process and its descendants), {@code one SIG PID START},
     * {@code delete PATH}. START is field 22 of /proc/PID/stat, or {@code -} where there is no /proc.
     */
    private static final String SCRIPT = """
            trap '' INT TERM HUP QUIT PIPE
            entries=()
            while IFS= read -r line; do entries+=("$line"); done
            started() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; echo "${20}"; }
            alive() {
              local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || { [ ! -d /proc ] && kill -0 "$1" 2>/dev/null; return; }
              s=${s##*) }; [ "${s%% *}" != Z ]
            }
            tree() {
              ps -e -o pid= -o ppid= | awk -v root="$1" '{ parent[$1] = $2 }
                END { for (p in parent) { q = p; while (q != root && (q in parent) && q > 1) q = parent[q]; if (q == root) print p } }'
            }
            signalled=()
            for entry in "${entries[@]}"; do
              set -- $entry
              case $1 in tree|one) ;; *) continue ;; esac
              [ "$4" = - ] || [ "$(started "$3")" = "$4" ] || continue
              if [ "$1" = tree ]; then pids=$(tree "$3"); else pids=$3; fi
              for p in $pids; do kill -"$2" "$p" 2>/dev/null && signalled+=("$p"); done
            done
            for i in $(seq 1 50); do
              left=(); for p in "${signalled[@]}"; do alive "$p" && left+=("$p"); done
              [ ${#left[@]} -eq 0 ] && break
              sleep 0.1
            done
            for p in "${left[@]}"; do kill -KILL "$p" 2>/dev/null; done
            for entry in "${entries[@]}"; do
              case $entry in "delete "*) rm -rf -- "${entry#delete }" ;; esac
            done
            """;

    private static @Nullable Writer commands;
    private static boolean unavailable;

    private Reaper() {}

    /** Ends {@code process} and its descendants when this JVM ends (SIGTERM, SIGKILL five seconds later). */
    public static void killOnExit(ProcessHandle process) {
        send("tree TERM " + process.pid() + " " + startTicks(process.pid()));
    }

    /**
     * Stops the PostgreSQL server running on {@code dataDir} when this JVM ends: SIGINT to the postmaster is a fast
     * shutdown (sessions ended, a checkpoint, a clean data directory), escalated to SIGKILL after five seconds.
     */
    public static void stopPostgresOnExit(Path dataDir) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"))
                    .getFirst()
                    .trim());
            send("one INT " + pid + " " + startTicks(pid));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot watch PostgreSQL in {}: {}", dataDir, e.toString());
        }
    }

    /** Deletes {@code dir} when this JVM ends, after the processes are gone. */
    public static void deleteOnExit(Path dir) {
        send("delete " + dir.toAbsolutePath());
    }

    private static synchronized void send(String command) {
        if (unavailable) {
            return;
        }
        try {
            if (commands == null) {
                commands = start();
            }
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            unavailable = true;
            log.warn("no reaper ({}): child processes may outlive this JVM if it is killed", e.toString());
        }
    }

    private static Writer start() throws IOException {
        // The script travels in the environment so that the process list shows one short line.
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "eval \"$STOA_REAPER\"", "stoa-reaper")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("STOA_REAPER", SCRIPT);
        Process watcher = builder.start();
        return new OutputStreamWriter(watcher.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Whether {@code pid} runs: alive and not a zombie (an orphan's zombie lingers until init reaps it). */
    public static boolean isRunning(long pid) {
        if (!Files.isDirectory(Path.of("/proc"))) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // gone
        }
    }

    /** When the kernel started {@code pid} (clock ticks since boot), or {@code -} where /proc is missing. */
    static String startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
        } catch (IOException | RuntimeException e) {
            return "-";
        }
    }
}
