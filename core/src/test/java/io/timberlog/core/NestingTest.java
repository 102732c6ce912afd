package io.timberlog.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class NestingTest {
    private final AtomicInteger built = new AtomicInteger();
    private final Nesting<Object> nesting = new Nesting<>(() -> {
        built.incrementAndGet();
        return new Object();
    });

    @Test
    void enter_whileEntered_givesEachDepthItsOwnInstance_thenNone() {
        Object first = nesting.enter();
        Object second = nesting.enter();
        Object third = nesting.enter();
        assertNotSame(first, second);
        assertNotSame(second, third);
        assertNotSame(first, third);
        assertEquals(1 + Nesting.MAX_NESTED, built.get());
        assertNull(nesting.enter(), "nested deeper than MAX_NESTED");
    }

    @Test
    void enter_afterExit_reusesTheInstanceOfThatDepth() {
        Object first = nesting.enter();
        Object second = nesting.enter();
        nesting.exit(second);
        assertSame(second, nesting.enter());
        nesting.exit(second);
        nesting.exit(first);
        assertSame(first, nesting.enter());
        assertSame(second, nesting.enter());
        assertEquals(2, built.get());
    }

    @Test
    void exit_ofAnOuterInstance_endsTheInnerOnesWhoseExitNeverCame() {
        Object first = nesting.enter();
        nesting.enter();
        nesting.enter(); // never exited, as when its exit ran out of stack
        nesting.exit(first);
        assertSame(first, nesting.enter());
        assertNotNull(nesting.enter());
        assertNotNull(nesting.enter());
    }
}
