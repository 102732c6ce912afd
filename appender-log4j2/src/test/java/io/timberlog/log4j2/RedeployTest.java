package io.timberlog.log4j2;

import io.timberlog.core.LogStore;
import io.timberlog.core.StoreReader;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The appender in a class loader of its own, as an application server deploys a web application: once
 * the application stopped its logging and the server dropped its class loader, nothing of TimberLog
 * (a thread, a shutdown hook, what a thread keeps of it) may keep that loader alive. The thread that
 * logs is this test's, which lives on, as a server's pooled threads do. log4j2 runs as in a web
 * application ({@code log4j2.isWebapp}), where it keeps nothing in threads itself.
 */
class RedeployTest {
    @TempDir
    Path dir;

    @Test
    void undeployedApplication_itsClassLoaderCanBeCollected_thoughTheThreadThatLoggedLivesOn() throws Exception {
        Path configuration = Files.writeString(dir.resolve("log4j2.xml"), "<Configuration status='WARN'><Appenders>"
                + "<TimberLog name='TIMBERLOG' dir='" + dir.resolve("store") + "'/></Appenders><Loggers>"
                + "<Root level='INFO'><AppenderRef ref='TIMBERLOG'/></Root></Loggers></Configuration>");
        WeakReference<ClassLoader> application = deployLogAndUndeploy(configuration);

        for (int i = 0; i < 50 && application.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(application.get(), "the undeployed application's class loader is still reachable");
        assertEquals(1, StoreReader.open(dir.resolve("store")).readAll(event -> { }).events(),
                "the application's event is stored");
    }

    private static WeakReference<ClassLoader> deployLogAndUndeploy(Path configuration) throws Exception {
        URL[] classPath = {
            codeSource(LoggerContext.class), codeSource(org.apache.logging.log4j.Logger.class),
            codeSource(LogStore.class), codeSource(TimberLogAppender.class), codeSource(RedeployedApplication.class),
        };
        String wasWebapp = System.setProperty("log4j2.isWebapp", "true");
        try (URLClassLoader loader = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            loader.loadClass(RedeployedApplication.class.getName()).getMethod("deployLogAndUndeploy", String.class)
                    .invoke(null, configuration.toUri().toString());
            return new WeakReference<>(loader);
        } finally {
            if (wasWebapp == null) {
                System.clearProperty("log4j2.isWebapp");
            } else {
                System.setProperty("log4j2.isWebapp", wasWebapp);
            }
        }
    }

    private static URL codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
