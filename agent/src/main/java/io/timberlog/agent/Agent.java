package io.timberlog.agent;

import io.timberlog.core.StoreOptions;

import java.lang.instrument.Instrumentation;

/**
 * The agent proper, started by {@link AgentLauncher} in the agent's own class loader: reads the
 * options, defines the bridge in the bootstrap loader, then has {@link CaptureInstaller} set up the
 * capture behind it. Any problem is printed as one line; the application then runs without capture.
 *
 * <p>This class names no bridge type: the bridge must be defined in the bootstrap loader before a
 * class that names it is loaded here, or the agent's loader would load its own copy from the jar.
 */
public final class Agent {
    /**
     * Set in the JVM once the agent captures, to the store's directory. Not under {@code timberlog.},
     * where system properties are options ({@link AgentOptions}).
     */
    public static final String RUNNING_PROPERTY = "io.timberlog.agent.directory";

    private Agent() {
    }

    public static void start(String arguments, Instrumentation instrumentation, boolean attached) {
        if (BootstrapBridge.isDefined()) {
            Problems.print("already running in this JVM; not started again");
            return;
        }
        StoreOptions options;
        try {
            options = AgentOptions.parse(arguments, System.getProperties(), System.getenv(),
                    System.getProperty("sun.java.command"), (message, cause) -> Problems.print(message
                            + (cause == null ? "" : " (" + cause + ")")));
        } catch (IllegalArgumentException e) {
            Problems.print(e.getMessage() + "; the application runs without capture");
            return;
        }
        try {
            BootstrapBridge.define(instrumentation);
            CaptureInstaller.install(options, instrumentation);
            // where this JVM's events go, for a later attach to tell (AttachMain) rather than load us again
            System.setProperty(RUNNING_PROPERTY, options.directory().toString());
            if (attached) {
                Problems.print("attached; capturing into " + options.directory());
            }
        } catch (Throwable e) {
            Problems.print("not started, the application runs without capture: " + e);
        }
    }
}
