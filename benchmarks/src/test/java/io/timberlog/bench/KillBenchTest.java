package io.timberlog.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KillBenchTest {

    @Test
    void runOnce_timberLogThroughLogback_findsEveryAcknowledgedEventAfterKill9() throws Exception {
        BenchOptions options = SmokeOptions.of("kill", "timberlog-logback");

        KillResult result = new KillBench(options, new RunDirectories(options.out()))
                .runOnce(Contender.TIMBERLOG_LOGBACK, "kill-smoke");

        assertTrue(result.acknowledged() > 0, "the child logged before it was killed");
        assertEquals(0, result.lost(), result.toString());
    }
}
