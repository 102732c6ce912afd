package io.timberlog.core.internal.io;

import java.security.AccessController;
import java.security.PrivilegedAction;

/**
 * Makes the store's threads: daemons, which never keep the JVM from exiting, and which hold nothing of the
 * application's thread that opened the store. Where TimberLog lives in a class loader shared by
 * applications (an application server's, with the logging framework), that thread belongs to a web
 * application, and a new thread would keep two references to the application's class loader for as long
 * as the store runs, long after the application was undeployed: its context class loader, and, before
 * Java 24, its inherited access control context (the protection domains of the classes on the opening
 * thread's stack).
 */
public final class StoreThreads {
    /** Java 24 and later no longer give a new thread its creator's access control context. */
    private static final boolean INHERITS_ACCESS_CONTEXT = Runtime.version().feature() < 24;

    private StoreThreads() {
    }

    /** A daemon thread named {@code name} that runs {@code task}, not started. */
    public static Thread create(Runnable task, String name) {
        Thread thread = INHERITS_ACCESS_CONTEXT ? createWithOwnAccessContext(task, name) : new Thread(task, name);
        thread.setDaemon(true);
        thread.setContextClassLoader(StoreThreads.class.getClassLoader());
        return thread;
    }

    /** Made inside doPrivileged, the thread's access context holds this class's protection domain only. */
    @SuppressWarnings("removal") // AccessController is deprecated for removal from Java 17; used only before 24
    private static Thread createWithOwnAccessContext(Runnable task, String name) {
        return AccessController.doPrivileged((PrivilegedAction<Thread>) () -> new Thread(task, name));
    }
}
