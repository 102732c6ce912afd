package io.timberlog.agent;

import io.timberlog.agent.bridge.TimberLogBridge;
import io.timberlog.core.StoreOptions;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;

/**
 * Sets up capture once the bridge is in the bootstrap loader: the store (opening in the background),
 * the dispatcher behind the bridge, then the transformer, which weaves the logging classes as they are
 * loaded and those loaded already.
 */
final class CaptureInstaller {
    private CaptureInstaller() {
    }

    static void install(StoreOptions options, Instrumentation instrumentation) throws UnmodifiableClassException {
        if (!TimberLogBridge.install(new CaptureDispatcher(new AgentStore(options)))) {
            throw new IllegalStateException("another TimberLog agent installed its capture first");
        }
        LoggingClassTransformer transformer = new LoggingClassTransformer(instrumentation);
        instrumentation.addTransformer(transformer, true);
        transformer.retransformLoaded();
    }
}
