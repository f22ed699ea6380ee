package dev.stoa.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The chat benchmark's results as Markdown, the block {@code bench/run-chat.sh} puts into docs/benchmarks.md. */
final class ChatBenchReport {
    private ChatBenchReport() {}

    static String table(
            Map<String, ChatBench.Run> ttft,
            ChatBench.Run ceiling,
            int ceilingStreams,
            Map<String, Long> cpuBefore,
            Map<String, Long> cpuAfter,
            Map<String, Long> idleRss,
            ChatBench.OpenStreams held,
            int streams,
            int seconds,
            int ttftMs,
            int tokens,
            String hot,
            String portkeyNote,
            boolean portkey) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Measured %s; the fake provider streams %d word tokens after a %d ms first-token delay; %d concurrent"
                        + " streams in a closed loop for %d s per target; everything on the same 2 vCPUs.%n%n",
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                tokens,
                ttftMs,
                streams,
                seconds));
        out.append(
                "| target | streams/s | TTFT p50 | TTFT p99 | whole stream p50 | failed |\n|---|---|---|---|---|---|\n");
        ttft.forEach((name, run) -> out.append(String.format(
                Locale.ROOT,
                "| %s | %.1f | %.2f ms | %.2f ms | %.2f ms | %d |%n",
                name,
                run.perSecond(),
                run.firstTokenMs(50),
                run.firstTokenMs(99),
                run.totalMs(50),
                run.failed())));
        List<ChatBench.Run> runs = List.copyOf(ttft.values());
        ChatBench.Run direct = runs.get(0);
        ChatBench.Run stoa = runs.get(1);
        out.append(String.format(
                Locale.ROOT,
                "%n**Added time to first token (Stoa − direct)**: p50 %.2f ms, p99 %.2f ms (targets ≤ 15 ms, ≤ 50 ms).",
                stoa.firstTokenMs(50) - direct.firstTokenMs(50),
                stoa.firstTokenMs(99) - direct.firstTokenMs(99)));
        if (portkey) {
            ChatBench.Run pk = runs.get(2);
            out.append(String.format(
                    Locale.ROOT,
                    " Portkey adds p50 %.2f ms, p99 %.2f ms.",
                    pk.firstTokenMs(50) - direct.firstTokenMs(50),
                    pk.firstTokenMs(99) - direct.firstTokenMs(99)));
        }
        if (!portkeyNote.isEmpty()) {
            out.append(' ').append(portkeyNote);
        }
        out.append("\n\n");
        long turns = ceiling.samples().stream().filter(ChatBench.Sample::ok).count();
        out.append(String.format(
                Locale.ROOT,
                "**Turn-throughput ceiling** (no model delay, %d concurrent streams): %.1f turns/s, TTFT p50 %.2f ms,"
                        + " p99 %.2f ms, %d failed. CPU per turn:",
                ceilingStreams,
                ceiling.perSecond(),
                ceiling.firstTokenMs(50),
                ceiling.firstTokenMs(99),
                ceiling.failed()));
        cpuAfter.forEach((service, after) -> {
            long used = after - cpuBefore.getOrDefault(service, after);
            out.append(String.format(Locale.ROOT, " %s %.2f ms", service, turns == 0 ? 0.0 : (double) used / turns));
        });
        out.append(".\n\n");
        out.append(String.format(
                Locale.ROOT,
                "**%d open streams** (each ~30 s long): %d open at once after %.1f s, %d of %d completed. RSS idle → with"
                        + " them open:",
                held.requested(),
                held.openAtOnce(),
                held.secondsToOpen(),
                held.completed(),
                held.requested()));
        held.rssKb()
                .forEach((service, kb) -> out.append(String.format(
                        Locale.ROOT,
                        " %s %d → %d MiB;",
                        service,
                        idleRss.getOrDefault(service, 0L) / 1024,
                        kb / 1024)));
        out.append(
                "\n\n**Profile of chat-service during the ceiling run** (JFR execution samples, `jfr view hot-methods`,"
                        + " top rows):\n\n```\n");
        out.append(hot);
        out.append("```\n");
        return out.toString();
    }
}
