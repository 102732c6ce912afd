package io.timberlog.core.internal.io;

/**
 * Bytes read from disk do not follow the format: a length beyond the data, an unknown type, an id
 * that was never defined. Carries what was wrong and where, so the reader can report the damaged
 * range and go on with the data around it.
 */
public final class MalformedDataException extends Exception {
    private final long position;

    public MalformedDataException(String problem, long position) {
        super(problem + " at byte " + position, null, false, false);
        this.position = position;
    }

    /** Position in the file (or block) where the problem was found. */
    public long position() {
        return position;
    }
}
