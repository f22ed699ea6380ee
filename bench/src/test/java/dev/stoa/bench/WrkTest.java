package dev.stoa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkTest {
    private static final String OUTPUT = """
            Running 10s test @ http://127.0.0.1:8080/bench/ping
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     3.10ms    1.20ms  40.00ms   90.00%
                Req/Sec    10.50k     1.00k   12.00k    70.00%
              Latency Distribution
                 50%  812.00us
                 75%    3.00ms
                 90%    4.00ms
                 99%    1.25s
              209876 requests in 10.00s, 30.00MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 4
            Requests/sec:  20987.60
            Transfer/sec:      3.00MB
            """;

    @Test
    void parsesPercentilesInEveryUnitThroughputAndErrors() {
        Wrk.Result r = Wrk.parse(OUTPUT);
        assertThat(r.p50Ms()).isEqualTo(0.812);
        assertThat(r.p99Ms()).isEqualTo(1250.0);
        assertThat(r.rps()).isEqualTo(20987.60);
        assertThat(r.requests()).isEqualTo(209876);
        assertThat(r.errors()).isEqualTo(7);
    }

    @Test
    void refusesOutputWithoutASummary() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .isInstanceOf(IllegalStateException.class);
    }
}
