package io.timberlog.bench.query;

import org.slf4j.LoggerFactory;

/**
 * The hello-world JVM of the start-up part: "a hello-world JVM that uses logback", so that the agent's
 * cost includes hooking logback and capturing its first event, as in any application that logs.
 */
public final class HelloWorld {
    private HelloWorld() {
    }

    public static void main(String[] args) {
        LoggerFactory.getLogger(HelloWorld.class).info("hello, world");
    }
}
