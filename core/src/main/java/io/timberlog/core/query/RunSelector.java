package io.timberlog.core.query;

import java.util.Objects;

/**
 * Which run of the writing process to read: by position counted from the latest ({@code 0} the latest,
 * {@code -1} the one before, as {@code journalctl --boot} counts), by position from the oldest
 * ({@code 1} the first), or by its id ({@link io.timberlog.core.RunInfo#id()}, or an unambiguous
 * prefix of it). Runs are counted in the order {@link StoreSet#runs()} lists them: each store's in the order
 * they wrote, whatever their clocks said, the stores' interleaved by start. Immutable.
 */
public final class RunSelector {
    private final Integer position;
    private final String id;

    private RunSelector(Integer position, String id) {
        this.position = position;
        this.id = id;
    }

    /** The run at {@code position}: 0 the latest, negative counting back from it, positive from the oldest. */
    public static RunSelector at(int position) {
        return new RunSelector(position, null);
    }

    /** The run whose id is, or starts with, {@code id}. */
    public static RunSelector withId(String id) {
        if (Objects.requireNonNull(id, "id").isEmpty()) {
            throw new IllegalArgumentException("a run id must not be empty");
        }
        return new RunSelector(null, id);
    }

    /** Parses a position ({@code 0}, {@code -1}, {@code 3}) or else a run id. */
    public static RunSelector parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim();
        if (t.matches("[+-]?\\d{1,9}")) {
            return at(Integer.parseInt(t));
        }
        return withId(t);
    }

    /** True when this selects by position; else by id. */
    public boolean isPosition() {
        return position != null;
    }

    public int position() {
        if (position == null) {
            throw new IllegalStateException("selects by id");
        }
        return position;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return position != null ? String.valueOf(position) : id;
    }
}
