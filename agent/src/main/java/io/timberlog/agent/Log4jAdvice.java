package io.timberlog.agent;

import io.timberlog.agent.bridge.TimberLogBridge;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code org.apache.logging.log4j.core.config.LoggerConfig.processLogEvent(LogEvent,
 * LoggerConfigPredicate)}: log4j2 calls it after the logger's level check and the configuration's
 * filter, for the event's logger configuration and again for each parent it is passed on to. The
 * dispatcher captures the event at the first of those calls only; the exit restores what it tracks.
 */
final class Log4jAdvice {
    private Log4jAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Object loggerConfig, @Advice.Argument(0) Object event,
                        @Advice.Argument(1) Object predicate) {
        return TimberLogBridge.log4jEnter(loggerConfig, event, predicate);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object entered) {
        TimberLogBridge.log4jExit(entered);
    }
}
