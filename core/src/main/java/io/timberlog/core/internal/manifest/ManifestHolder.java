package io.timberlog.core.internal.manifest;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The current manifest of a store being written, and the one way to change it: write the new one to
 * disk first, then make it current. Thread-safe: readers of {@link #current} see the last manifest
 * written; changes come from one thread at a time (the segment manager's).
 */
final class ManifestHolder {
    private final Path store;
    private volatile Manifest current;

    ManifestHolder(Path store, Manifest initial) {
        this.store = store;
        this.current = initial;
    }

    Manifest current() {
        return current;
    }

    /** Sets the manifest read after construction (a holder made before the manifest was read). */
    void initialize(Manifest manifest) {
        current = manifest;
    }

    void update(Manifest next) throws IOException {
        ManifestFile.write(store, next);
        current = next;
    }
}
