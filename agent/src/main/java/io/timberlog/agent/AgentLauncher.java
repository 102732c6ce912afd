package io.timberlog.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * The agent's entry points: {@code premain} for {@code -javaagent:timberlog-agent.jar[=options]} and
 * {@code agentmain} for a dynamic attach. This class is loaded by the application's class loader, so it
 * does nothing there but load the agent proper ({@code Agent}, with core, byte-buddy and the mapping
 * code, all relocated) in a class loader of its own, whose parent is the platform class loader: the
 * agent cannot see the application's classes, and the application never sees the agent's.
 *
 * <p>It never fails the application's start: any problem is one line on standard error, and the
 * application runs without capture ({@code Agent} reports its own problems the same way).
 */
public final class AgentLauncher {
    private AgentLauncher() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        launch(arguments, instrumentation, false);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        launch(arguments, instrumentation, true);
    }

    private static void launch(String arguments, Instrumentation instrumentation, boolean attached) {
        try {
            URL jar = AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation();
            ClassLoader agentLoader = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
            Class.forName("io.timberlog.agent.Agent", true, agentLoader)
                    .getMethod("start", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, arguments, instrumentation, attached);
        } catch (InvocationTargetException e) {
            problem(e.getCause());
        } catch (Throwable e) {
            problem(e);
        }
    }

    private static void problem(Throwable e) {
        System.err.println("TimberLog agent: not started, the application runs without capture: " + e);
    }
}
