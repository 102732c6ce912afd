package io.timberlog.bench.child;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * The appender of the logback reference: takes each event and does nothing with it. With no appender at
 * all, the JIT sees that logback's event never leaves the call and does not allocate it; here it does,
 * as with any real appender, so the reference's allocation is the framework's and the application's,
 * and a contender's allocation beyond it is its appender's.
 */
public final class LogbackNopAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** Written and never read: the event escapes, as it does into a real appender. */
    @SuppressWarnings("unused")
    private volatile ILoggingEvent last;

    @Override
    protected void append(ILoggingEvent event) {
        last = event;
    }
}
