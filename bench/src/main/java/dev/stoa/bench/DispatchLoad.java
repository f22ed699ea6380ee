package dev.stoa.bench;

import dev.stoa.common.id.Ids;
import dev.stoa.proto.tools.v1.CallContext;
import dev.stoa.proto.tools.v1.InvokeToolRequest;
import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** The load the tool dispatch benchmark puts on one SDK connection: an open-loop paced schedule and a closed loop. */
final class DispatchLoad {
    private DispatchLoad() {}

    record Ceiling(double perSecond, List<Long> latencies) {}

    static List<Long> paced(
            ToolRouterServiceGrpc.ToolRouterServiceBlockingStub stub, String agent, int rate, Duration length)
            throws InterruptedException {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long interval = 1_000_000_000L / rate;
        long total = length.toSeconds() * rate;
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                LockSupport.parkNanos(due - System.nanoTime());
                threads.execute(() -> {
                    latencies.add(call(stub, agent));
                    done.countDown();
                });
            }
            done.await(2, TimeUnit.MINUTES);
        }
        return new ArrayList<>(latencies);
    }

    static Ceiling closedLoop(
            ToolRouterServiceGrpc.ToolRouterServiceBlockingStub stub, String agent, int callers, Duration length)
            throws InterruptedException {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + length.toNanos();
        AtomicLong count = new AtomicLong();
        long start = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < callers; c++) {
                threads.execute(() -> {
                    while (System.nanoTime() < end) {
                        latencies.add(call(stub, agent));
                        count.incrementAndGet();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Ceiling(count.get() / seconds, new ArrayList<>(latencies));
    }

    static long call(ToolRouterServiceGrpc.ToolRouterServiceBlockingStub stub, String agent) {
        long t0 = System.nanoTime();
        Iterator<ToolCallUpdate> updates = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .invokeTool(InvokeToolRequest.newBuilder()
                        .setContext(CallContext.newBuilder().setAgentId(agent).setTurnId("trn_bench"))
                        .setCallId(Ids.generate("call"))
                        .setToolName("echo")
                        .setArgumentsJson("{\"text\":\"ping\",\"sent_at_ns\":" + t0 + "}")
                        .build());
        ToolCallUpdate last = null;
        while (updates.hasNext()) {
            last = updates.next();
        }
        if (last == null || !"succeeded".equals(last.getFinished().getStatus())) {
            throw new IllegalStateException("call failed: " + last);
        }
        return System.nanoTime() - t0;
    }
}
