package io.timberlog.core.internal.format;

import io.timberlog.core.MessageStyle;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the renderer does with hostile argument objects, in every style. */
class ArgumentRendererTest {

    /** toString() that recurses until the stack overflows. */
    static final class Recursive {
        @Override
        public String toString() {
            return "again " + this;
        }
    }

    static final class MissingClass {
        @Override
        public String toString() {
            throw new NoClassDefFoundError("com/example/Gone");
        }
    }

    static final class OutOfMemory {
        @Override
        public String toString() {
            throw new OutOfMemoryError("simulated");
        }
    }

    private static Object[] nestedArrays(int depth) {
        Object[] outer = new Object[1];
        Object[] current = outer;
        for (int i = 0; i < depth; i++) {
            Object[] next = new Object[1];
            current[0] = next;
            current = next;
        }
        return outer;
    }

    @ParameterizedTest
    @EnumSource(MessageStyle.class)
    void render_toStringOverflowingTheStack_failsWithPlaceholder(MessageStyle style) {
        ArgumentRenderer.RenderFailure failure =
                assertThrows(ArgumentRenderer.RenderFailure.class, () -> ArgumentRenderer.render(new Recursive(), style));
        assertTrue(failure.placeholder().startsWith("["), failure.placeholder());
    }

    @ParameterizedTest
    @EnumSource(MessageStyle.class)
    void render_toStringThrowingLinkageError_failsWithPlaceholder(MessageStyle style) {
        assertThrows(ArgumentRenderer.RenderFailure.class, () -> ArgumentRenderer.render(new MissingClass(), style));
    }

    @ParameterizedTest
    @EnumSource(names = {"SLF4J", "LOG4J2"})
    void render_arraysNestedTooDeepToWalk_failsWithPlaceholder(MessageStyle style) {
        Object[] deep = nestedArrays(200_000);
        assertThrows(ArgumentRenderer.RenderFailure.class, () -> ArgumentRenderer.render(deep, style));
    }

    @ParameterizedTest
    @EnumSource(MessageStyle.class)
    void render_outOfMemoryInToString_isNotSwallowed(MessageStyle style) {
        assertThrows(OutOfMemoryError.class, () -> ArgumentRenderer.render(new OutOfMemory(), style));
    }

    @Test
    void render_literalFailingToString_usesSlf4jPlaceholder() {
        ArgumentRenderer.RenderFailure failure = assertThrows(ArgumentRenderer.RenderFailure.class,
                () -> ArgumentRenderer.render(new TestArguments.Boom(new IllegalStateException()), MessageStyle.LITERAL));
        assertEquals("[FAILED toString()]", failure.placeholder());
    }

    @ParameterizedTest
    @EnumSource(MessageStyle.class)
    void render_toStringReturningNull_printsNull(MessageStyle style) throws Exception {
        assertEquals("null", ArgumentRenderer.render(new TestArguments.NullText(), style));
    }

    @Test
    void render_slf4jNestedFailure_appearsInTextWithoutFailing() throws Exception {
        Object[] args = {1, new TestArguments.Boom(new IllegalStateException()), List.of(2)};
        assertEquals("[1, [FAILED toString()], [2]]", ArgumentRenderer.render(args, MessageStyle.SLF4J));
    }

    @Test
    void render_slf4jSelfContainingArray_marksOnlyTheRepeat() throws Exception {
        Object[] self = new Object[2];
        self[0] = "x";
        self[1] = self;
        Object[] twice = {self, self};
        assertEquals("[[x, [...]], [x, [...]]]", ArgumentRenderer.render(twice, MessageStyle.SLF4J));
    }

    @Test
    void render_log4jFormattableArgument_writesItselfNotItsToString() throws Exception {
        ParameterizedMessage message = new ParameterizedMessage("inner {}", 42);
        assertEquals("inner 42", ArgumentRenderer.render(message, MessageStyle.LOG4J2));
        assertEquals(message.toString(), ArgumentRenderer.render(message, MessageStyle.SLF4J));
    }

    @Test
    void render_log4jSelfContainingList_printsIdentityMarker() throws Exception {
        List<Object> self = TestArguments.selfContainingList();
        String identity = self.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(self));
        assertEquals("[a, [..." + identity + "...]]", ArgumentRenderer.render(self, MessageStyle.LOG4J2));
    }
}
