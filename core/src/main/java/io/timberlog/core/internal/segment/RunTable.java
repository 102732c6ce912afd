package io.timberlog.core.internal.segment;

import io.timberlog.core.RunInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The runs whose events a segment holds; events name theirs by index. Not thread-safe while built. */
final class RunTable {
    private final List<RunInfo> runs = new ArrayList<>();
    private final Map<RunInfo, Integer> indexes = new HashMap<>();

    /** 1 + the index of {@code run}, adding it; 0 for {@code null}. */
    int codeOf(RunInfo run) {
        if (run == null) {
            return 0;
        }
        Integer index = indexes.get(run);
        if (index == null) {
            index = runs.size();
            runs.add(run);
            indexes.put(run, index);
        }
        return index + 1;
    }

    List<RunInfo> runs() {
        return runs;
    }
}
