package dev.stoa.launcher;

import dev.stoa.fakeprovider.Reply;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The fake model of the eval end-to-end tests: a careful and a hasty adder, a typed answer, and a judge of sums. */
final class EvalModel {
    static final String CAREFUL = "careful-model";
    static final String JUDGE = "judge-model";

    private EvalModel() {}

    /**
     * The careful model adds right; the hasty one only when the first number is a multiple of three. The judge grades
     * an answer by its sum: right scores 0.8 or 1, wrong 0.1 or 0.2 (varied, as real judges are).
     */
    static @Nullable Reply answer(JsonNode request) {
        boolean careful = request.path("model").asString().equals(CAREFUL);
        String question = "";
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asString().equals("user")) {
                question = message.path("content").asString();
            }
        }
        if (request.path("model").asString().equals(JUDGE)) {
            return verdict(question);
        }
        if (question.startsWith("Input (JSON): {\"city\":\"Paris\"}")) {
            return Reply.text("{\"temperature\": 21.5}");
        }
        java.util.regex.Matcher sum =
                java.util.regex.Pattern.compile("What is (\\d+) \\+ (\\d+)\\?").matcher(question);
        if (!sum.find()) {
            return null;
        }
        int a = Integer.parseInt(sum.group(1));
        int b = Integer.parseInt(sum.group(2));
        boolean right = careful || a % 3 == 0;
        return Reply.text("The answer is " + (right ? a + b : a + b + 1) + ".");
    }

    private static @Nullable Reply verdict(String prompt) {
        java.util.regex.Matcher graded = java.util.regex.Pattern.compile(
                        "What is (\\d+) \\+ (\\d+)\\?[\\s\\S]*Answer to grade:\\s*The answer is (\\d+)\\.")
                .matcher(prompt);
        if (!graded.find()) {
            return null;
        }
        int a = Integer.parseInt(graded.group(1));
        boolean right = a + Integer.parseInt(graded.group(2)) == Integer.parseInt(graded.group(3));
        double score = right ? 0.8 + 0.2 * (a % 2) : 0.1 + 0.1 * (a % 2);
        return Reply.text("{\"score\": " + score + ", \"reasoning\": \"" + (right ? "right" : "wrong") + " sum\"}");
    }

    /** The provider of an agent's model. */
    static String providerOf(dev.stoa.test.TestHttp http, String owner, String agent) {
        return http.get("/api/v1/agents/" + agent, owner)
                .json()
                .path("model")
                .path("provider_id")
                .asString();
    }
}
