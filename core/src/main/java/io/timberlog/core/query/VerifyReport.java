package io.timberlog.core.query;

import io.timberlog.core.Damage;

import java.util.List;

/**
 * What {@link StoreSet#verify()} found. A store is whole when it has no {@link #problems()}. Room a
 * writer reserved and never filled because it was still writing or died ({@link Damage.Kind#UNPUBLISHED}
 * at the end of a run that crashed or is running) holds nothing that was acknowledged, and is listed
 * under {@link #expected()} instead. Immutable.
 */
public final class VerifyReport {
    private final int files;
    private final long events;
    private final List<Damage> problems;
    private final List<Damage> expected;

    public VerifyReport(int files, long events, List<Damage> problems, List<Damage> expected) {
        this.files = files;
        this.events = events;
        this.problems = List.copyOf(problems);
        this.expected = List.copyOf(expected);
    }

    /** Files checked. */
    public int files() {
        return files;
    }

    /** Intact events read. */
    public long events() {
        return events;
    }

    /** Damaged ranges and broken references: the store is not whole. */
    public List<Damage> problems() {
        return problems;
    }

    /** Unpublished room at the end of a crashed or running run: expected, harmless. */
    public List<Damage> expected() {
        return expected;
    }

    public boolean isWhole() {
        return problems.isEmpty();
    }
}
