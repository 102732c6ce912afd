package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads every part of a store and checks every checksum and reference, sorting what it finds into
 * problems and expected leftovers of a crash.
 *
 * <p>Unpublished room (a reservation never filled) is expected in the last part of a run that did not
 * end cleanly, and in the part before it: a writer killed just after a rotation can leave a record of
 * the sealed file unfinished, its seal already written. Such room never held an acknowledged event.
 * Anywhere else, in the middle of a run that went on, zeroed bytes mean lost data: a problem.
 */
public final class StoreVerifier {
    private final List<Damage> problems = new ArrayList<>();
    private final List<Damage> expected = new ArrayList<>();
    private int files;
    private long events;

    /** Checks one store. */
    public void verify(Path store) throws IOException {
        Path meta = store.resolve(WalFiles.META);
        if (WalMeta.exists(store) && WalMeta.read(store) == null && !isAllZero(meta)) {
            // an empty or zero meta was never written (the writer stopped before its first update): no damage
            problems.add(new Damage(meta, 0, Files.size(meta), Damage.Kind.CORRUPT,
                    "neither slot of " + WalFiles.META + " is valid"));
        }
        List<StorePart> parts = StoreLayout.parts(store);
        Set<StorePart> crashTail = new HashSet<>();
        List<List<Damage>> found = new ArrayList<>();
        List<PartFacts> facts = new ArrayList<>();
        for (StorePart p : parts) {
            List<Damage> damages = new ArrayList<>();
            facts.add(p.verify(damages::add));
            found.add(damages);
            files++;
        }
        for (RunCatalog.RunParts run : RunCatalog.group(parts)) {
            StorePart last = run.parts.get(run.parts.size() - 1);
            if (!facts.get(parts.indexOf(last)).cleanEnd()) {
                crashTail.add(last);
                if (run.parts.size() > 1) {
                    crashTail.add(run.parts.get(run.parts.size() - 2));
                }
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            events += facts.get(i).events();
            for (Damage d : found.get(i)) {
                boolean harmless = d.kind() == Damage.Kind.UNPUBLISHED && crashTail.contains(parts.get(i));
                (harmless ? expected : problems).add(d);
            }
        }
    }

    /** True for a meta file of at most two slots that holds only zeros (or nothing). */
    private static boolean isAllZero(Path file) throws IOException {
        if (Files.size(file) > 2 * WalMeta.SLOT_SIZE) {
            return false;
        }
        for (byte b : Files.readAllBytes(file)) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    public List<Damage> problems() {
        return problems;
    }

    public List<Damage> expected() {
        return expected;
    }

    public int files() {
        return files;
    }

    public long events() {
        return events;
    }
}
