package io.timberlog.agent;

/**
 * The framework classes the agent weaves, recognized by name alone: looking at a class being loaded
 * costs a few string comparisons, and nothing else of the agent is loaded until one of them appears.
 */
enum LoggingClass {
    LOGBACK_LOGGER("ch/qos/logback/classic/Logger"),
    LOG4J_LOGGER_CONFIG("org/apache/logging/log4j/core/config/LoggerConfig"),
    /** The event an asynchronous logger fills in on the logging thread, in its ring buffer. */
    LOG4J_RING_BUFFER_EVENT("org/apache/logging/log4j/core/async/RingBufferLogEvent"),
    JUL_LOGGER("java/util/logging/Logger");

    private static final LoggingClass[] ALL = values();

    /** The name as the JVM passes it to a transformer, with slashes. */
    final String internalName;

    LoggingClass(String internalName) {
        this.internalName = internalName;
    }

    String binaryName() {
        return internalName.replace('/', '.');
    }

    /** The class woven for {@code internalName}, or {@code null}: called for every class the JVM loads. */
    static LoggingClass of(String internalName) {
        if (internalName == null) {
            return null;
        }
        for (LoggingClass c : ALL) {
            if (c.internalName.equals(internalName)) {
                return c;
            }
        }
        return null;
    }
}
