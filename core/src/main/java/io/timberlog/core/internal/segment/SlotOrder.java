package io.timberlog.core.internal.segment;

import io.timberlog.core.internal.io.MalformedDataException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a block stores its arguments ({@link BlockLayout}, "Slot order"): one walk
 * shared by the encoder and the decoder, so the two cannot disagree.
 */
final class SlotOrder {
    /** Receives each argument position, in slot order. */
    interface Visitor {
        void argument(int event, int slot) throws MalformedDataException;
    }

    private SlotOrder() {
    }

    /**
     * Visits argument {@code slot} of event {@code event} for every event with {@code counts[event] > 0},
     * grouped by {@code templateRefs[event]}.
     */
    static void walk(int events, int[] templateRefs, int[] counts, Visitor visitor) throws MalformedDataException {
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < events; i++) {
            if (counts[i] > 0) {
                groups.computeIfAbsent(templateRefs[i], k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> group : groups.values()) {
            for (int slot = 0; ; slot++) {
                boolean any = false;
                for (int event : group) {
                    if (slot < counts[event]) {
                        visitor.argument(event, slot);
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
        }
    }
}
