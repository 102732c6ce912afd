package io.timberlog.bench.query;

/** The hello-world JVM of the start-up part. */
public final class HelloWorld {
    private HelloWorld() {
    }

    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
