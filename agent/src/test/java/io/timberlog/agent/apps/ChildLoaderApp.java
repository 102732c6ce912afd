package io.timberlog.agent.apps;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An application server in miniature: runs {@code main} of the class named by the first argument in a
 * class loader of its own, whose class path (the system property {@code app.classPath}) holds the
 * logging framework; the JVM's class path does not.
 */
public final class ChildLoaderApp {
    private ChildLoaderApp() {
    }

    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("app.classPath").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Class.forName(args[0], true, loader).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        }
    }
}
