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
