package io.timberlog.agent.apps;

import java.io.File;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An application server in miniature: deploys a web application ({@link WebAppRequest} in a class loader
 * of its own, whose class path, the system property {@code app.classPath}, holds logback), has one of the
 * server's request threads run it, undeploys it (stops its logback, closes its loader) and tells whether
 * the application's class loader has been garbage collected while that thread lives on:
 * "undeployed application collected: true|false".
 */
public final class UndeployingServerApp {
    private static final int GC_TRIES = 20;

    private UndeployingServerApp() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService requestThreads = Executors.newFixedThreadPool(1);
        WeakReference<ClassLoader> application = deployServeUndeploy(requestThreads);
        for (int i = 0; i < GC_TRIES && application.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        System.out.println("undeployed application collected: " + (application.get() == null));
        requestThreads.shutdown();
    }

    private static WeakReference<ClassLoader> deployServeUndeploy(ExecutorService requestThreads) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("app.classPath").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Class<?> request = Class.forName(WebAppRequest.class.getName(), true, loader);
        requestThreads.submit(() -> {
            request.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
            return null;
        }).get();
        Object loggerContext = loader.loadClass("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
        loggerContext.getClass().getMethod("stop").invoke(loggerContext);
        loader.close();
        return new WeakReference<>(loader);
    }
}
