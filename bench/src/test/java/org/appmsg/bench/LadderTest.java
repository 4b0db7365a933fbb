package org.appmsg.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ladder's pass rule, its stop at the first failing step, and the medians over runs. */
class LadderTest {

    private final LadderPolicy policy = LadderPolicy.DEFAULT;

    @Test
    void a_step_passes_only_with_no_loss_no_error_nothing_unsent_and_p99_within_the_limit() {
        assertThat(policy.judge(Steps.clean(1000, 100.0)).passed()).isTrue();
        assertThat(policy.judge(Steps.clean(1000, 100.1)).failures()).containsExactly("delivery p99 100.1 ms > 100 ms");
        assertThat(policy.judge(Steps.result(1000, 5, 1, 0, 0, 0)).failures()).containsExactly("1 frames lost (1 messages)");
        assertThat(policy.judge(Steps.result(1000, 5, 0, 2, 0, 0)).failures()).containsExactly("2 requests refused");
        assertThat(policy.judge(Steps.result(1000, 5, 0, 0, 3, 0)).failures()).containsExactly("3 requests failed");
        assertThat(policy.judge(Steps.result(1000, 5, 0, 0, 0, 4)).failures())
                .containsExactly("4 messages not sent: the sender fell behind its schedule");
        assertThat(policy.judge(Steps.result(1000, 250, 7, 1, 0, 0)).failures()).hasSize(3);
        assertThat(new LadderPolicy(20).judge(Steps.clean(1000, 25)).passed()).isFalse();
    }

    @Test
    void a_step_that_measured_nothing_does_not_pass() {
        StepResult nothing = new StepResult(1000, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Percentiles.NONE,
                java.util.Map.of(), Percentiles.NONE, null, null, null, null, 0, 0);
        assertThat(policy.judge(nothing).failures()).containsExactly("nothing measured");
    }

    @Test
    void the_ladder_stops_at_the_first_failing_step_and_reports_the_step_below_it() throws Exception {
        List<Double> ran = new ArrayList<>();
        Ladder.Outcome outcome = Ladder.climb(List.of(1000.0, 2000.0, 5000.0, 10000.0, 15000.0), policy,
                (i, rate) -> {
                    ran.add(rate);
                    return Steps.clean(rate, rate >= 10000 ? 180 : 20);
                });
        assertThat(ran).containsExactly(1000.0, 2000.0, 5000.0, 10000.0);
        assertThat(outcome.highestPassing()).isEqualTo(5000.0);
        assertThat(outcome.steps()).hasSize(4);
        assertThat(outcome.steps().get(3).verdict().passed()).isFalse();
    }

    @Test
    void no_passing_rate_when_the_first_step_fails_and_the_top_when_all_pass() throws Exception {
        assertThat(Ladder.climb(List.of(1000.0, 2000.0), policy, (i, r) -> Steps.result(r, 5, 1, 0, 0, 0))
                .highestPassing()).isNull();
        assertThat(Ladder.climb(List.of(1000.0, 2000.0), policy, (i, r) -> Steps.clean(r, 5)).highestPassing())
                .isEqualTo(2000.0);
    }

    @Test
    void rates_must_be_positive_and_ascending() {
        assertThatThrownBy(() -> Ladder.checkRates(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ladder.checkRates(List.of(1000.0, 500.0))).hasMessageContaining("ascend");
        assertThatThrownBy(() -> Ladder.checkRates(List.of(0.0, 500.0))).hasMessageContaining("positive");
    }

    @Test
    void over_runs_a_step_passes_when_most_runs_passed_it_and_figures_are_medians() throws Exception {
        // run 1 passes 1000 and 2000, fails 5000; run 2 passes 1000, fails 2000; run 3 passes all three
        RunRecord r1 = run(1, Ladder.climb(List.of(1000.0, 2000.0, 5000.0), policy,
                (i, r) -> Steps.clean(r, r == 5000 ? 150 : 10 + i)));
        RunRecord r2 = run(2, Ladder.climb(List.of(1000.0, 2000.0, 5000.0), policy,
                (i, r) -> Steps.clean(r, r == 2000 ? 130 : 30)));
        RunRecord r3 = run(3, Ladder.climb(List.of(1000.0, 2000.0, 5000.0), policy,
                (i, r) -> Steps.clean(r, 20)));
        LadderSummary s = LadderSummary.of(List.of(r1, r2, r3));

        assertThat(s.runs()).isEqualTo(3);
        assertThat(s.rows()).extracting(LadderSummary.Row::offered).containsExactly(1000.0, 2000.0, 5000.0);
        LadderSummary.Row at1000 = s.rows().get(0);
        assertThat(at1000.pass()).isTrue();
        assertThat(at1000.passed()).isEqualTo(3);
        assertThat(at1000.deliveryP99()).isEqualTo(20.0); // median of 10, 30, 20
        LadderSummary.Row at2000 = s.rows().get(1);
        assertThat(at2000.passed()).isEqualTo(2);
        assertThat(at2000.pass()).isTrue();
        assertThat(at2000.deliveryP99()).isEqualTo(20.0); // median of 11, 130, 20
        LadderSummary.Row at5000 = s.rows().get(2);
        assertThat(at5000.reached()).isEqualTo(2); // run 2 stopped below it
        assertThat(at5000.passed()).isEqualTo(1);  // one of three runs: not a pass
        assertThat(at5000.pass()).isFalse();
        assertThat(at5000.deliveryP99()).isEqualTo(85.0); // median of 150 and 20
        assertThat(s.highestPassing()).isEqualTo(2000.0);
        assertThat(at1000.serverCpuMicrosPerMessage()).isEqualTo(42.5);
    }

    @Test
    void median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assertThat(LadderSummary.median(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(LadderSummary.median(7)).isEqualTo(7);
        assertThat(LadderSummary.median()).isZero();
    }

    static RunRecord run(int number, Ladder.Outcome outcome) {
        return new RunRecord("unicast", "messages/s", "current", "mariadb", number, "20261203T120000Z",
                java.util.Map.of("p99LimitMs", "100.0"), outcome.steps(), outcome.highestPassing());
    }
}
