package io.timberlog.core.query;

import io.timberlog.core.Value;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ArgumentPredicateTest {
    @Test
    void parse_everyOperator_comparesNumbers() {
        assertTrue(ArgumentPredicate.parse("0>5").test(Value.of(6L)));
        assertFalse(ArgumentPredicate.parse("0>5").test(Value.of(5L)));
        assertTrue(ArgumentPredicate.parse("0>=5").test(Value.of(5L)));
        assertTrue(ArgumentPredicate.parse("0<5").test(Value.of(4.5)));
        assertTrue(ArgumentPredicate.parse("0<=5").test(Value.of(5.0f)));
        assertTrue(ArgumentPredicate.parse("0=5").test(Value.of(5.0)));
        assertTrue(ArgumentPredicate.parse("0==5").test(Value.of(5L)));
        assertTrue(ArgumentPredicate.parse("0!=5").test(Value.of(6L)));
    }

    @Test
    void test_largeLongs_compareExactly() {
        assertTrue(ArgumentPredicate.parse("0>9007199254740992").test(Value.of(9007199254740993L)));
    }

    /** Floats and doubles compare as the message shows them: 0.1f is 0.1, a double of 2^63 shows as 9.223372036854776E18. */
    @Test
    void test_floatsAndDoubles_compareAsTheMessageShowsThem() {
        assertTrue(ArgumentPredicate.parse("0=0.1").test(Value.of(0.1f)));
        assertFalse(ArgumentPredicate.parse("0>0.1").test(Value.of(0.1f)));
        assertTrue(ArgumentPredicate.parse("0=0.2").test(Value.of(0.2f)));
        assertTrue(ArgumentPredicate.parse("0<0.2").test(Value.of(0.1f)));
        assertTrue(ArgumentPredicate.parse("0=0.1").test(Value.of(0.1)));
        double twoTo63 = 9.223372036854775807E18;
        assertTrue(ArgumentPredicate.parse("0>9223372036854775807").test(Value.of(twoTo63)));
        assertFalse(ArgumentPredicate.parse("0=9223372036854775807").test(Value.of(twoTo63)));
        assertTrue(ArgumentPredicate.parse("0=9223372036854776000").test(Value.of(twoTo63)));
        assertTrue(ArgumentPredicate.parse("0<9007199254740993").test(Value.of(9007199254740992.0)));
    }

    @Test
    void parse_digitsOfOtherScripts_areNoNumbers() {
        assertThrows(IllegalArgumentException.class, () -> ArgumentPredicate.parse("\u0661>5"));
        assertFalse(ArgumentPredicate.parse("0=\u0665\u0660\u0660").test(Value.of(500L)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArgumentPredicate.parse("1234567890>1")).getMessage()
                .contains("too large"));
    }

    @Test
    void test_stringArgument_comparesTextForEquality() {
        assertTrue(ArgumentPredicate.parse("1=alice").test(Value.of("alice")));
        assertTrue(ArgumentPredicate.parse("1!=alice").test(Value.of("bob")));
        assertFalse(ArgumentPredicate.parse("1>5").test(Value.of("6")));
    }

    @Test
    void test_nan_matchesOnlyNotEqual() {
        assertFalse(ArgumentPredicate.parse("0>1").test(Value.of(Double.NaN)));
        assertTrue(ArgumentPredicate.parse("0!=1").test(Value.of(Double.NaN)));
    }

    @Test
    void parse_malformed_explains() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArgumentPredicate.parse(">5")).getMessage()
                .contains("index"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArgumentPredicate.parse("2~5")).getMessage()
                .contains("operator"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArgumentPredicate.parse("2>abc")).getMessage()
                .contains("number"));
    }
}
