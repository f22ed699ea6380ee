package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.identity.Api.Session;
import dev.stoa.identity.domain.LoginThrottle;
import dev.stoa.test.MutableClock;
import dev.stoa.test.TestHttp.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Login throttling per email and client address (three free attempts in these tests, then exponential back-off),
 * counted atomically, and the re-hashing of passwords stored with weaker Argon2 parameters.
 */
@IdentityServiceTest
class LoginThrottleIT {
    private static final String WRONG = "Wrong-Horse-42";
    private final Api api;

    @Autowired
    LoginThrottle throttle;

    LoginThrottleIT(Api api) {
        this.api = api;
    }

    @Test
    void fiftyParallelWrongPasswordsGetOnlyTheFreeAttemptsChecked() throws Exception {
        Session session = api.registerFresh();
        String attacker = "203.0.113.50";

        List<Response> responses;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Callable<Response>> attempts = IntStream.range(0, 50)
                    .<Callable<Response>>mapToObj(i -> () -> login(session.email(), WRONG, attacker))
                    .toList();
            List<Response> done = new java.util.ArrayList<>();
            for (Future<Response> f : threads.invokeAll(attempts)) {
                done.add(f.get());
            }
            responses = done;
        }

        long checked = responses.stream().filter(r -> r.status() == 401).count();
        long refused = responses.stream().filter(r -> r.status() == 429).count();
        // The base delay is 30 s in these tests, so no back-off passes while they run: only the free attempts count.
        assertThat(checked).isEqualTo(3);
        assertThat(refused).isEqualTo(47);
        assertThat(responses).filteredOn(r -> r.status() == 429).allSatisfy(r -> assertThat(r.code())
                .isEqualTo("too_many_login_attempts"));
        // Even the right password waits from that address...
        assertThat(login(session.email(), Api.PASSWORD, attacker).status()).isEqualTo(429);
        // ...while the owner, from anywhere else, is not locked out by the stranger's failures.
        assertThat(login(session.email(), Api.PASSWORD, "198.51.100.7").status())
                .isEqualTo(200);
    }

    @Test
    void backOffDoublesAfterTheFreeAttemptsAndASuccessStartsOver(MutableClock clock) {
        Session session = api.registerFresh();
        String from = "203.0.113.51";
        for (int i = 0; i < 3; i++) {
            assertThat(login(session.email(), WRONG, from).status()).isEqualTo(401);
        }
        assertThat(login(session.email(), WRONG, from).status()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(31)); // the fourth attempt waits the base delay (30 s in these tests)
        assertThat(login(session.email(), WRONG, from).status()).isEqualTo(401);
        clock.advance(Duration.ofSeconds(31)); // the fifth waits twice as long
        assertThat(login(session.email(), WRONG, from).status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(30));
        assertThat(login(session.email(), Api.PASSWORD, from).status()).isEqualTo(200);

        // after a success the free attempts are back
        assertThat(login(session.email(), WRONG, from).status()).isEqualTo(401);
        assertThat(login(session.email(), Api.PASSWORD, from).status()).isEqualTo(200);
    }

    @Test
    void countsNobodyAddedToForAWindowArePurged(MutableClock clock, StoaPostgres.Database db) throws Exception {
        String unknown = Api.freshEmail();
        login(unknown, WRONG, "203.0.113.54");
        int before = throttleRows(db);

        clock.advance(Duration.ofMinutes(16));
        throttle.purge();

        assertThat(before).isPositive();
        assertThat(throttleRows(db)).isLessThan(before);
        assertThat(login(unknown, WRONG, "203.0.113.54").status()).isEqualTo(401);
    }

    @Test
    void unknownEmailsAreThrottledLikeKnownOnes() {
        String unknown = Api.freshEmail();
        String from = "203.0.113.52";
        for (int i = 0; i < 3; i++) {
            Response response = login(unknown, WRONG, from);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.code()).isEqualTo("invalid_credentials");
        }
        assertThat(login(unknown, WRONG, from).code()).isEqualTo("too_many_login_attempts");
    }

    @Test
    void aHashMadeWithWeakerArgon2ParametersIsReplacedAtLogin(StoaPostgres.Database db) throws Exception {
        Session session = api.registerFresh();
        // Spring Security's older default: 16 MiB, below OWASP's floor of 19 MiB
        String old = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(Api.PASSWORD);
        assertThat(old).contains("m=16384,t=2,p=1");
        try (Connection c = db.connectAsOwner();
                var update = c.prepareStatement("update users set password_hash = ? where id = ?")) {
            update.setString(1, old);
            update.setString(2, session.userId());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(hashOf(db, session.userId())).isEqualTo(old);

        assertThat(login(session.email(), Api.PASSWORD, "203.0.113.53").status())
                .isEqualTo(200);

        String upgraded = hashOf(db, session.userId());
        assertThat(upgraded)
                .startsWith("$argon2id$")
                .contains("m=19456,t=2,p=1")
                .isNotEqualTo(old);
        assertThat(login(session.email(), Api.PASSWORD, "203.0.113.53").status())
                .isEqualTo(200);
        assertThat(hashOf(db, session.userId())).isEqualTo(upgraded); // current hashes are left alone
    }

    @Test
    void newPasswordsAreHashedAtOwaspsFloor(StoaPostgres.Database db) throws Exception {
        Session session = api.registerFresh();
        assertThat(hashOf(db, session.userId())).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    private Response login(String email, String password, String clientAddress) {
        return api.send(
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("email", email, "password", password),
                Map.of("X-Stoa-Client-Address", clientAddress));
    }

    private static int throttleRows(StoaPostgres.Database db) throws Exception {
        try (Connection c = db.connectAsOwner();
                ResultSet rows = c.createStatement().executeQuery("select count(*) from login_throttle")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String hashOf(StoaPostgres.Database db, String userId) throws Exception {
        try (Connection c = db.connectAsOwner();
                var query = c.prepareStatement("select password_hash from users where id = ?")) {
            query.setString(1, userId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
