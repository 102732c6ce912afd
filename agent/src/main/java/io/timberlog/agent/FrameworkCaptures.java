package io.timberlog.agent;

/**
 * The captures of one framework, one per copy of it: a JVM may hold several (two web applications,
 * each with its own logback). Each is made the first time an event of that copy arrives, in a
 * {@link FrameworkClassLoader} beside it, and is found again through the class of the event's source
 * ({@link ClassValue}: no lock, and nothing kept alive once the application's loader is gone).
 * Thread-safe; never throws.
 */
final class FrameworkCaptures {
    private static final FrameworkCapture NONE = (source, event) -> { };

    private final String framework;
    private final ClassValue<FrameworkCapture> captures;

    /**
     * @param sourceClass the framework's class of the sources its events come from; subclasses of it
     *                    (log4j2's root and asynchronous logger configurations) share its capture
     */
    FrameworkCaptures(String framework, String sourceClass, String captureClass, EventSink sink,
                      ClassLoader agentLoader, String... ownPackages) {
        this.framework = framework;
        this.captures = new ClassValue<FrameworkCapture>() {
            @Override
            protected FrameworkCapture computeValue(Class<?> type) {
                Class<?> base = type;
                while (base.getSuperclass() != null && !base.getName().equals(sourceClass)) {
                    base = base.getSuperclass();
                }
                return base == type || base.getSuperclass() == null ? create(type) : get(base);
            }

            private FrameworkCapture create(Class<?> sourceClass) {
                try {
                    ClassLoader loader = new FrameworkClassLoader(sourceClass.getClassLoader(), agentLoader, ownPackages);
                    return (FrameworkCapture) Class.forName(captureClass, true, loader)
                            .getConstructor(EventSink.class).newInstance(sink);
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    Problems.print("cannot capture the " + framework + " of " + sourceClass.getClassLoader()
                            + "; its events are not captured (" + e + ")");
                    return NONE;
                }
            }
        };
    }

    void capture(Object source, Object event) {
        try {
            captures.get(source.getClass()).capture(source, event);
        } catch (RuntimeException | LinkageError e) {
            Problems.once("capture-" + framework, "capturing a " + framework + " event failed, it is not in the store ("
                    + e + "); further failures are not reported");
        }
    }
}
