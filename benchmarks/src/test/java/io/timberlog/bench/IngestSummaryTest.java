package io.timberlog.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IngestSummaryTest {

    private static IngestResult run(Contender c, double callsPerSecond, long p999) {
        return new IngestResult(c, 1, 1000, 1500, 1500, callsPerSecond, callsPerSecond / 2, 1, 100, 200, p999, 1000, 64, 80,
                300, 100);
    }

    @Test
    void rows_threeRounds_takeTheMedianOfEachFigure() {
        IngestSummary summary = new IngestSummary(List.of(run(Contender.LOGBACK_FILE, 1e6, 3000),
                run(Contender.LOGBACK_FILE, 3e6, 1000), run(Contender.LOGBACK_FILE, 2e6, 2000)), List.of(1));

        IngestSummary.Row row = summary.row(Contender.LOGBACK_FILE, 1).orElseThrow();

        assertEquals(2e6, row.callsPerSecond());
        assertEquals(2000, row.p999Nanos());
    }

    @Test
    void rows_withReference_ratiosAreToTheBestContenderNotTheReference() {
        IngestSummary summary = new IngestSummary(List.of(run(Contender.LOGBACK_FILE, 1e6, 4000),
                run(Contender.TIMBERLOG_LOGBACK, 2e6, 2000), run(Contender.LOGBACK_NOP, 10e6, 500)), List.of(1));

        IngestSummary.Row file = summary.row(Contender.LOGBACK_FILE, 1).orElseThrow();

        assertEquals(0.5, file.callsRatio());
        assertEquals(2.0, file.p999Ratio());
    }

    @Test
    void rotated_secondRound_startsWithTheSecondContender() {
        assertEquals(List.of("b", "c", "a"), IngestBench.rotated(List.of("a", "b", "c"), 1));
    }
}
