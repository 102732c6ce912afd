package io.timberlog.core.internal.manifest;

import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.segment.SegmentReader;
import io.timberlog.core.internal.wal.WalFileHeader;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalReader;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Refuses a store that holds a file of a newer format version before anything rewrites it: a
 * compaction would otherwise convert and re-list around a file it cannot read, changing a store that
 * the newer TimberLog which wrote it still owns. Damaged files are left to the readers to report.
 */
public final class NewerVersionCheck {
    private NewerVersionCheck() {
    }

    /** @throws UnsupportedFormatException naming the first WAL file or segment of a newer version */
    public static void check(Path store) throws IOException {
        for (Path wal : WalFiles.list(store)) {
            try (WalReader reader = WalReader.open(wal)) {
                if (reader.headerStatus() == WalFileHeader.Status.NEWER_VERSION) {
                    throw new UnsupportedFormatException(wal + " was written by a newer version of TimberLog");
                }
            } catch (NoSuchFileException e) {
                // gone since listed: nothing of it to refuse
            }
        }
        for (Path segment : SegmentFiles.list(store)) {
            try {
                SegmentReader.open(segment).close(); // throws UnsupportedFormatException for a newer one
            } catch (SegmentDamageException | NoSuchFileException e) {
                // damaged or gone: for the readers to report, not a reason to refuse
            }
        }
    }
}
