package io.timberlog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Exceptions whose printing differs between frameworks and versions, each made by a method of its own. */
public final class Throwables {
    private Throwables() {
    }

    public static Map<String, Throwable> all() {
        Map<String, Throwable> all = new LinkedHashMap<>();
        all.put("plain", new IllegalStateException("plain"));
        all.put("noMessage", new RuntimeException());
        all.put("withCause", withCause());
        all.put("withSuppressed", withSuppressed());
        all.put("cyclicCause", cyclicCause());
        all.put("ownToString", new OwnToString("custom"));
        all.put("causeAlsoSuppressed", causeAlsoSuppressed());
        return all;
    }

    private static Throwable withCause() {
        try {
            failDeep(3);
            throw new AssertionError("unreachable");
        } catch (UncheckedIOException e) {
            return new IllegalStateException("wrapped", e);
        }
    }

    private static void failDeep(int depth) {
        if (depth == 0) {
            throw new UncheckedIOException(new IOException("disk"));
        }
        failDeep(depth - 1);
    }

    private static Throwable withSuppressed() {
        Exception main = new Exception("main");
        main.addSuppressed(new IOException("closing"));
        return main;
    }

    private static Throwable cyclicCause() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        return a;
    }

    private static Throwable causeAlsoSuppressed() {
        IOException shared = new IOException("shared");
        Exception suppressor = new Exception("suppressor", shared);
        Exception top = new Exception("top", shared);
        top.addSuppressed(suppressor);
        return top;
    }

    /** An exception whose first printed line logback 1.5.22+ takes from toString(), and 1.3 does not. */
    public static final class OwnToString extends RuntimeException {
        OwnToString(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return "OwnToString<" + getMessage() + ">";
        }
    }
}
