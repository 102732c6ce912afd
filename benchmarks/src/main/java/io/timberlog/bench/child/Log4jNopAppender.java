package io.timberlog.bench.child;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/** The appender of the log4j2 reference ({@code <Nop name="..."/>}): see {@link LogbackNopAppender}. */
@Plugin(name = "Nop", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class Log4jNopAppender extends AbstractAppender {
    /** Written and never read: the event escapes, as it does into a real appender. */
    @SuppressWarnings("unused")
    private volatile LogEvent last;

    private Log4jNopAppender(String name) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @PluginFactory
    public static Log4jNopAppender create(@PluginAttribute("name") String name) {
        return new Log4jNopAppender(name);
    }

    @Override
    public void append(LogEvent event) {
        last = event;
    }
}
