package io.timberlog.agent;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the agent's code for one copy of a logging framework runs. Its parent is the class loader that
 * defined the framework, so the capture code and the appenders' mapping classes (relocated into the
 * agent jar) link against exactly the framework the application uses, whatever loader that is (a web
 * application's, a Spring Boot jar's, a test's). It defines those classes itself from the agent jar,
 * and takes every other TimberLog class (core, the agent's interfaces) from the agent's own loader, so
 * that all frameworks share one store.
 *
 * <p>Nothing is injected into the application's class loaders: they never see these classes.
 */
final class FrameworkClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static final String TIMBERLOG = "io.timberlog.";

    private final ClassLoader agentLoader;
    private final String[] ownPackages;

    /**
     * @param ownPackages name prefixes (with a trailing dot) of the classes defined here; they must
     *                    not be loaded by the agent's loader, which cannot see the framework
     */
    FrameworkClassLoader(ClassLoader frameworkLoader, ClassLoader agentLoader, String... ownPackages) {
        super(frameworkLoader);
        this.agentLoader = agentLoader;
        this.ownPackages = ownPackages.clone();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                if (isOwn(name)) {
                    type = define(name);
                } else if (name.startsWith(TIMBERLOG)) {
                    type = agentLoader.loadClass(name);
                } else {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private boolean isOwn(String name) {
        for (String prefix : ownPackages) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Class<?> define(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = agentLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
