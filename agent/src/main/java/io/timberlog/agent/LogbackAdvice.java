package io.timberlog.agent;

import io.timberlog.agent.bridge.TimberLogBridge;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ch.qos.logback.classic.Logger.callAppenders(ILoggingEvent)}: logback calls it once
 * per event, after its turbo filters and the level check, before the event goes to the appenders of
 * the logger and its ancestors. Only the bytecode of the method is used; it runs in the framework's
 * class and calls the bootstrap bridge.
 */
final class LogbackAdvice {
    private LogbackAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object logger, @Advice.Argument(0) Object event) {
        TimberLogBridge.logback(logger, event);
    }
}
