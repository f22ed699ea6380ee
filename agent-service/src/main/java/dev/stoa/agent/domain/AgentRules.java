package dev.stoa.agent.domain;

import dev.stoa.common.error.InvalidInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Limits on agent configuration values, checked the same way wherever a value enters. */
public final class AgentRules {
    public static final int MAX_BLOCK_BYTES = 65_536;
    public static final int MAX_BLOCKS = 100;
    public static final int MAX_BLOCK_NAME = 100;
    public static final int MAX_MODEL_NAME = 200;
    public static final int MAX_RATE = 1_000_000_000;
    /** A monthly budget above a billion dollars is a typo, not a budget (text, for annotations). */
    public static final String MAX_BUDGET = "1000000000";

    public static final BigDecimal MAX_BUDGET_USD = new BigDecimal(MAX_BUDGET);

    private AgentRules() {}

    public static void blockName(String field, String name) {
        if (name.isBlank() || name.length() > MAX_BLOCK_NAME) {
            throw new InvalidInputException(field, "must be 1 to " + MAX_BLOCK_NAME + " characters");
        }
    }

    /** Block content: at most 64 KiB of UTF-8 (the whole prompt is bounded by the number of blocks). */
    public static void blockContent(String field, String content) {
        if (content.length() > MAX_BLOCK_BYTES || content.getBytes(StandardCharsets.UTF_8).length > MAX_BLOCK_BYTES) {
            throw new InvalidInputException(field, "must be at most " + MAX_BLOCK_BYTES + " bytes (UTF-8)");
        }
    }

    public static int rate(String field, @Nullable Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 0 || value > MAX_RATE) {
            throw new InvalidInputException(field, "must be between 0 (unlimited) and " + MAX_RATE);
        }
        return value;
    }

    /** USD with at most six decimals as micro-USD; 0 means no cap. */
    public static long budgetMicros(BigDecimal usd) {
        if (usd.signum() < 0 || usd.compareTo(MAX_BUDGET_USD) > 0) {
            throw new InvalidInputException("monthly_budget_usd", "must be between 0 (no cap) and " + MAX_BUDGET_USD);
        }
        if (usd.stripTrailingZeros().scale() > 6) {
            throw new InvalidInputException("monthly_budget_usd", "must have at most 6 decimal places");
        }
        return usd.movePointRight(6).longValueExact();
    }

    /** Micro-USD back to a decimal USD amount as the API shows it. */
    public static BigDecimal usd(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }
}
