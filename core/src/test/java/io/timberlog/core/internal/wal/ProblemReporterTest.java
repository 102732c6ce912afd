package io.timberlog.core.internal.wal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProblemReporterTest {
    private final List<String> told = new ArrayList<>();
    private final ProblemReporter reporter = new ProblemReporter((message, cause) -> told.add(message));

    /** A disk that fills up, clears, and fills up again within a minute: each clearing is told. */
    @Test
    void aProblemThatClears_isToldAsClearedEveryTime_evenWithinTheMinute() {
        reporter.report("wal-create", "disk full", null);
        reporter.reportCleared("drops", "dropped 4; works again");
        reporter.clear("wal-create");
        reporter.report("wal-create", "disk full", null);
        reporter.reportCleared("drops", "dropped 7; works again");

        assertEquals(List.of("disk full", "dropped 4; works again", "disk full", "dropped 7; works again"), told);
        assertEquals(4, reporter.count());
    }

    /** When the problem itself was not told (the minute's quiet), neither is its clearing told twice. */
    @Test
    void aClearingAfterAnUntoldProblem_isRateLimitedAsAProblem() {
        reporter.report("wal-create", "disk full", null);
        reporter.reportCleared("drops", "dropped 4; works again");
        reporter.report("wal-create", "disk full", null); // within the minute: not told
        reporter.reportCleared("drops", "dropped 7; works again");

        assertEquals(List.of("disk full", "dropped 4; works again"), told);
        assertEquals(4, reporter.count());
    }
}
