package dev.stoa.monitoring.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BudgetAlertTest {
    @Test
    void aThresholdIsCrossedByTheSpendThatReachesItNotBeforeOrAfter() {
        assertThat(BudgetAlert.crossed(1_000, 0, 799)).isEmpty();
        assertThat(BudgetAlert.crossed(1_000, 799, 800)).containsExactly(80);
        assertThat(BudgetAlert.crossed(1_000, 800, 999)).isEmpty();
        assertThat(BudgetAlert.crossed(1_000, 999, 1_000)).containsExactly(100);
        assertThat(BudgetAlert.crossed(1_000, 500, 5_000)).containsExactly(80, 100);
        assertThat(BudgetAlert.crossed(1_000, 1_000, 2_000)).isEmpty();
    }

    @Test
    void anAgentWithoutABudgetRaisesNothing() {
        assertThat(BudgetAlert.crossed(0, 0, 1_000_000)).isEmpty();
    }

    @Test
    void isExactForBudgetsThatDoNotDivideEvenly() {
        // 80 % of 333 is 266.4: 266 is short of it, 267 reaches it
        assertThat(BudgetAlert.crossed(333, 0, 266)).isEmpty();
        assertThat(BudgetAlert.crossed(333, 266, 267)).containsExactly(80);
    }
}
