package io.timberlog.core.internal.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Real exceptions, thrown and caught, in the shapes the frameworks print differently. */
final class TestThrowables {
    private TestThrowables() {
    }

    /** A resource whose close() fails, for try-with-resources. */
    private static final class FailingResource implements AutoCloseable {
        private final String name;

        FailingResource(String name) {
            this.name = name;
        }

        @Override
        public void close() throws IOException {
            throw new IOException("closing " + name, new IllegalStateException("cause of closing " + name));
        }
    }

    static final class CustomText extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CustomText(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return "CustomText[" + getMessage() + "]";
        }
    }

    /** Its toString() returns null: the JDK and log4j2 print "null" as its first line, as String.valueOf does. */
    static final class NullText extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NullText(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return null;
        }
    }

    static final class Localized extends Exception {
        private static final long serialVersionUID = 1L;

        Localized(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String getLocalizedMessage() {
            return "localized " + getMessage();
        }
    }

    static Map<String, Throwable> all() {
        Map<String, Throwable> all = new LinkedHashMap<>();
        all.put("simple", simple());
        all.put("nullMessage", new IllegalArgumentException());
        all.put("emptyMessage", new IllegalArgumentException(""));
        all.put("multilineMessage", new IllegalStateException("line one\nline two\r\n\tline three"));
        all.put("causesThreeDeep", causesThreeDeep());
        all.put("nullMessagesInChain", nullMessagesInChain());
        all.put("suppressedWithCauses", tryWithResources());
        all.put("suppressedInsideCause", suppressedInsideCause());
        all.put("nestedSuppressed", nestedSuppressed());
        all.put("circularCause", circularCause());
        all.put("circularWithoutMessage", circularWithoutMessage());
        all.put("suppressedCycle", suppressedCycle());
        all.put("causeAlsoSuppressedElsewhere", causeAlsoSuppressedElsewhere());
        all.put("outermostSuppressedByItsCause", outermostSuppressedByItsCause());
        all.put("deepRecursion", deepRecursion(40));
        all.put("stackOverflow", stackOverflow());
        all.put("thrownInThread", thrownInThread());
        all.put("customToString", new CustomText("custom"));
        all.put("nullToString", new NullText("no text"));
        all.put("localizedMessage", new Localized("original", new CustomText("inner")));
        all.put("noStackTrace", noStackTrace());
        all.put("causeWithSameTrace", causeWithSameTrace());
        return all;
    }

    static IllegalStateException simple() {
        try {
            level1();
            throw new AssertionError();
        } catch (IllegalStateException e) {
            return e;
        }
    }

    private static void level1() {
        level2();
    }

    private static void level2() {
        throw new IllegalStateException("boom");
    }

    static RuntimeException causesThreeDeep() {
        try {
            wrap3();
            throw new AssertionError();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void wrap3() {
        try {
            wrap2();
        } catch (RuntimeException e) {
            throw new RuntimeException("level 3", e);
        }
    }

    private static void wrap2() {
        try {
            wrap1();
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("level 2", e);
        }
    }

    private static void wrap1() {
        try {
            throw new IOException("level 0");
        } catch (IOException e) {
            throw new UncheckedIOException("level 1", e);
        }
    }

    static RuntimeException nullMessagesInChain() {
        RuntimeException root = new RuntimeException(new IllegalStateException());
        root.addSuppressed(new UnsupportedOperationException());
        return root;
    }

    static Exception tryWithResources() {
        try (FailingResource a = new FailingResource("a"); FailingResource b = new FailingResource("b")) {
            throw new IllegalStateException("body using " + a.name + " and " + b.name);
        } catch (Exception e) {
            return e;
        }
    }

    static RuntimeException suppressedInsideCause() {
        return new RuntimeException("outer", tryWithResources());
    }

    static RuntimeException nestedSuppressed() {
        RuntimeException top = new RuntimeException("top");
        RuntimeException middle = new RuntimeException("middle", new IllegalStateException("middle's cause"));
        Exception inner = tryWithResources();
        middle.addSuppressed(inner);
        top.addSuppressed(middle);
        top.addSuppressed(new IllegalArgumentException("second"));
        return top;
    }

    static RuntimeException circularCause() {
        RuntimeException a = new RuntimeException("a");
        IllegalStateException b = new IllegalStateException("b");
        a.initCause(b);
        b.initCause(a);
        return a;
    }

    static RuntimeException circularWithoutMessage() {
        RuntimeException a = new RuntimeException();
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        return a;
    }

    static RuntimeException suppressedCycle() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException();
        a.addSuppressed(b);
        b.addSuppressed(a);
        return a;
    }

    /** A cause that is also the cause of a suppressed exception: JDK and logback expand it in different places. */
    static RuntimeException causeAlsoSuppressedElsewhere() {
        IllegalStateException shared = new IllegalStateException("shared");
        RuntimeException suppressed = new RuntimeException("suppressed", shared);
        RuntimeException top = new RuntimeException("top", shared);
        top.addSuppressed(suppressed);
        return top;
    }

    /** log4j2 counts the outermost exception's common frames against its cause's trace here. */
    static RuntimeException outermostSuppressedByItsCause() {
        RuntimeException top = simpleRuntime("top");
        RuntimeException cause = simpleRuntime("cause");
        top.initCause(cause);
        cause.addSuppressed(top);
        return top;
    }

    private static RuntimeException simpleRuntime(String message) {
        return new RuntimeException(message);
    }

    static RuntimeException deepRecursion(int depth) {
        if (depth == 0) {
            return new RuntimeException("deep", new IllegalStateException("deeper"));
        }
        return deepRecursion(depth - 1);
    }

    static StackOverflowError stackOverflow() {
        try {
            recurse(0);
            throw new AssertionError();
        } catch (StackOverflowError e) {
            return e;
        }
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    static Throwable thrownInThread() {
        AtomicReference<Throwable> caught = new AtomicReference<>();
        Thread thread = new Thread(() -> caught.set(causesThreeDeep()), "worker");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return caught.get();
    }

    static RuntimeException noStackTrace() {
        RuntimeException e = new RuntimeException("no frames", new IllegalStateException("cause"));
        e.setStackTrace(new StackTraceElement[0]);
        return e;
    }

    /** Created on the same line: the cause's frames are all in common but the first. */
    static RuntimeException causeWithSameTrace() {
        IllegalStateException cause = new IllegalStateException("same");
        return new RuntimeException("wrapper", cause);
    }
}
