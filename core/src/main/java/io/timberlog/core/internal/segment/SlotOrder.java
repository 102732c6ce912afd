package io.timberlog.core.internal.segment;

import io.timberlog.core.internal.io.MalformedDataException;

import java.util.Arrays;
import java.util.HashMap;
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
        // The events of each group, groups in the order of their first event: a counting sort by group.
        int[] groupOf = new int[events];
        Map<Integer, Integer> groups = new HashMap<>();
        int[] sizes = new int[8];
        int previousRef = 0;
        int previousGroup = -1;
        for (int i = 0; i < events; i++) {
            if (counts[i] == 0) {
                groupOf[i] = -1;
                continue;
            }
            int ref = templateRefs[i];
            int g = ref == previousRef && previousGroup >= 0 ? previousGroup
                    : groups.computeIfAbsent(ref, r -> groups.size());
            if (g == sizes.length) {
                sizes = Arrays.copyOf(sizes, g * 2);
            }
            sizes[g]++;
            groupOf[i] = g;
            previousRef = ref;
            previousGroup = g;
        }
        int[] starts = new int[groups.size() + 1];
        for (int g = 0; g < groups.size(); g++) {
            starts[g + 1] = starts[g] + sizes[g];
        }
        int[] members = new int[starts[groups.size()]];
        int[] filled = Arrays.copyOf(starts, groups.size());
        for (int i = 0; i < events; i++) {
            if (groupOf[i] >= 0) {
                members[filled[groupOf[i]]++] = i;
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            for (int slot = 0; ; slot++) {
                boolean any = false;
                for (int m = starts[g]; m < starts[g + 1]; m++) {
                    int event = members[m];
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
