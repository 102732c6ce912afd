package io.timberlog.agent;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Tells whether SLF4J, as a class loader sees it, hands its events to a framework the agent captures
 * (logback, or log4j2 through log4j-slf4j-impl): only then is a JUL record that jul-to-slf4j forwards
 * captured where it arrives. Bound to slf4j-simple, slf4j-nop or any other backend, SLF4J is the end
 * of the road, and the record must be captured as a JUL record or it is lost.
 *
 * <p>The binding is asked at each record, not remembered: while SLF4J initializes (asking starts that)
 * it answers other threads with a stand-in factory, whose events it replays to the real one afterwards.
 * Their records are left to that replay: captured there when SLF4J ends in logback or log4j2, missing
 * from the store when it does not (a window at start-up only, while SLF4J finds its backend).
 * Thread-safe; never throws.
 */
final class Slf4jBinding {
    private static final String[] CAPTURED_FACTORY_PACKAGES = {"ch.qos.logback.", "org.apache.logging.slf4j."};
    /** What SLF4J answers while it initializes: its events reach the real factory later, captured there. */
    private static final String SUBSTITUTE_FACTORY = "org.slf4j.helpers.SubstituteLoggerFactory";

    /** {@code LoggerFactory.getILoggerFactory} as the class loader of a handler class sees it. */
    private static final ClassValue<Optional<Method>> GET_FACTORY = new ClassValue<Optional<Method>>() {
        @Override
        protected Optional<Method> computeValue(Class<?> handlerClass) {
            try {
                return Optional.of(Class.forName("org.slf4j.LoggerFactory", false, handlerClass.getClassLoader())
                        .getMethod("getILoggerFactory"));
            } catch (ReflectiveOperationException | LinkageError e) {
                return Optional.empty();
            }
        }
    };

    private Slf4jBinding() {
    }

    /** True when the SLF4J that {@code handlerClass} (jul-to-slf4j's handler) logs to ends in a captured framework. */
    static boolean endsInCapturedFramework(Class<?> handlerClass) {
        Optional<Method> getFactory = GET_FACTORY.get(handlerClass);
        if (getFactory.isEmpty()) {
            return false;
        }
        try {
            String factory = getFactory.get().invoke(null).getClass().getName();
            if (factory.equals(SUBSTITUTE_FACTORY)) {
                return true;
            }
            for (String captured : CAPTURED_FACTORY_PACKAGES) {
                if (factory.startsWith(captured)) {
                    return true;
                }
            }
            return false;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
