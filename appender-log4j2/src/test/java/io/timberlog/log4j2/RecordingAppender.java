package io.timberlog.log4j2;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test appender beside TimberLog: keeps, for each event, what its layout made of it at append time
 * (log4j2's own rendering) and an immutable copy of the event.
 */
@Plugin(name = "Recording", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class RecordingAppender extends AbstractAppender {
    final List<String> rendered = new CopyOnWriteArrayList<>();
    final List<LogEvent> events = new CopyOnWriteArrayList<>();

    private RecordingAppender(String name, Layout<? extends Serializable> layout) {
        super(name, null, layout, true, Property.EMPTY_ARRAY);
    }

    @PluginFactory
    public static RecordingAppender create(@PluginAttribute("name") String name,
                                           @PluginElement("Layout") Layout<? extends Serializable> layout) {
        return new RecordingAppender(name, layout);
    }

    @Override
    public void append(LogEvent event) {
        rendered.add(String.valueOf(getLayout().toSerializable(event)));
        events.add(event.toImmutable());
    }
}
