package io.timberlog.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * TimberLog in a class loader that applications share (an application server's, with the logging
 * framework), its store opened by the first application that logs: the store runs on after that
 * application is undeployed, and must keep nothing of it. The store's threads were made with the
 * application's class loader as their context class loader and, before Java 24, with its classes'
 * protection domains in their inherited access control context.
 */
class SharedClassLoaderTest {
    @TempDir
    Path dir;

    @Test
    void storeOpenedByAnApplication_keepsNothingOfIt_onceItIsUndeployed() throws Exception {
        AtomicReference<ManagedStore> store = new AtomicReference<>();
        WeakReference<ClassLoader> application = deployAndLog(() -> store.set(ManagedStore.open(
                StoreOptions.builder(dir).problemListener((message, cause) -> { }).build(), "shared")));
        try {
            assertNotNull(store.get().store());
            for (int i = 0; i < 50 && application.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertNull(application.get(), "the undeployed application's class loader is still reachable");
        } finally {
            store.get().close();
        }
    }

    /** Runs {@code firstLog} from {@link Application}, in a class loader of its own that is the context one. */
    private static WeakReference<ClassLoader> deployAndLog(Runnable firstLog) throws Exception {
        ClassLoader loader = new ApplicationClassLoader(SharedClassLoaderTest.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            ((java.util.function.Consumer<Runnable>) loader.loadClass(Application.class.getName())
                    .getDeclaredConstructor().newInstance()).accept(firstLog);
        } finally {
            thread.setContextClassLoader(context);
        }
        return new WeakReference<>(loader);
    }

    /** A web application's code, on the stack when the store opens. */
    public static final class Application implements java.util.function.Consumer<Runnable> {
        @Override
        public void accept(Runnable firstLog) {
            firstLog.run();
        }
    }

    /** Defines {@link Application} itself (its protection domain names this loader); the rest from its parent. */
    private static final class ApplicationClassLoader extends ClassLoader {
        ApplicationClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(Application.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : define(name);
            }
        }

        private Class<?> define(String name) {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
