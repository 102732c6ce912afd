package io.timberlog.core;

import java.io.IOException;

/** A store or file written in a format version newer than this TimberLog reads. */
public final class UnsupportedFormatException extends IOException {
    public UnsupportedFormatException(String message) {
        super(message);
    }
}
