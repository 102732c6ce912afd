package io.timberlog.logback;

import ch.qos.logback.classic.LoggerContext;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The appender in a class loader of its own, as an application server deploys a web application: once
 * the application stopped its logging and the server dropped its class loader, nothing of TimberLog
 * (a thread, a shutdown hook, what a thread keeps of it) may keep that loader alive. The thread that
 * logs is this test's, which lives on, as a server's pooled threads do.
 */
class RedeployTest {
    @TempDir
    Path dir;

    @Test
    void undeployedApplication_itsClassLoaderCanBeCollected_thoughTheThreadThatLoggedLivesOn() throws Exception {
        WeakReference<ClassLoader> application = deployLogAndUndeploy();

        for (int i = 0; i < 50 && application.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(application.get(), "the undeployed application's class loader is still reachable");
        assertEquals(1, StoreReader.open(dir).readAll(event -> { }).events(), "the application's event is stored");
    }

    private WeakReference<ClassLoader> deployLogAndUndeploy() throws Exception {
        URL[] classPath = {
            codeSource(LoggerContext.class), codeSource(ch.qos.logback.core.Context.class),
            codeSource(org.slf4j.Logger.class),
            codeSource(LogStore.class), codeSource(TimberLogAppender.class), codeSource(RedeployedApplication.class),
        };
        try (URLClassLoader loader = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            loader.loadClass(RedeployedApplication.class.getName()).getMethod("deployLogAndUndeploy", String.class)
                    .invoke(null, dir.toString());
            return new WeakReference<>(loader);
        }
    }

    private static URL codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
