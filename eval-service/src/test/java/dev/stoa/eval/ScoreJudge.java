package dev.stoa.eval;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake provider as a judge that grades an answer by the {@code score=0.7} it carries, so a test scripts the
 * judge's scores through the live turns' answers; an answer saying "ungradable" gets a reply that is no verdict.
 */
final class ScoreJudge {
    private static final Pattern SCORE = Pattern.compile("score=([0-9.]+)");

    private ScoreJudge() {}

    static void install(FakeProvider provider) {
        FakePeers.providerUrl = provider.baseUrl() + "/v1";
        provider.respondTo(body -> {
            if (body.toString().contains("ungradable")) {
                return new Reply("I would rather not grade this.", List.of(), 50L, 10L);
            }
            Matcher m = SCORE.matcher(body.toString());
            return m.find()
                    ? new Reply(
                            "{\"score\": " + m.group(1) + ", \"reasoning\": \"graded " + m.group(1) + "\"}",
                            List.of(),
                            50L,
                            10L)
                    : null;
        });
    }
}
