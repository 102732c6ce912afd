package io.timberlog.core;

import java.io.IOException;

/** A path that is not a TimberLog store (missing, not a directory, or without the store's files). */
public final class NotAStoreException extends IOException {
    public NotAStoreException(String message) {
        super(message);
    }
}
