package io.timberlog.agent;

import io.timberlog.agent.bridge.TimberLogBridge;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code java.util.logging.Logger.log(LogRecord)}, where every JUL logging method ends, once
 * per record (the handlers of the logger's parents are called from inside it). The dispatcher repeats
 * the logger's level check; a logger's filter is asked by the logger itself, through the bridge, which
 * replaces that call (see {@code AdviceWeaver}).
 */
final class JulAdvice {
    private JulAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object logger, @Advice.Argument(0) Object record) {
        TimberLogBridge.julLog(logger, record);
    }
}
