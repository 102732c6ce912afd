package io.timberlog.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One seeded damage to a copy of a {@link DamageFixture}'s store, the way failing disks, file systems
 * and people damage files: bit flips, a truncation, a zeroed or garbage block, two files swapped, a
 * file copied over another or beside the others under a new name.
 */
final class StoreDamage {
    enum Kind { BIT_FLIPS, TRUNCATION, ZEROED_BLOCK, GARBAGE_BLOCK, SWAPPED, COPIED_OVER, COPIED_BESIDE }

    final Kind kind;
    /** The file damaged; for swaps and copies, the first of the two (the copied one). */
    final String target;
    /** For swaps and copies, the second file (the one written); else null. */
    final String other;
    /** Files whose events may be lost: the damaged ones that hold events. */
    final Set<String> touched = new HashSet<>();
    /** The bytes of {@link #target} changed (a zeroed block of zeros, or a truncation at the end, does not). */
    boolean changed;

    private StoreDamage(Kind kind, String target, String other) {
        this.kind = kind;
        this.target = target;
        this.other = other;
    }

    /** Damages the store in {@code dir}, a copy of {@code fixture}'s. */
    static StoreDamage apply(DamageFixture fixture, Path dir, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        List<DamageFixture.StoreFile> files = fixture.eventFiles();
        if (kind == Kind.SWAPPED || kind == Kind.COPIED_OVER || kind == Kind.COPIED_BESIDE) {
            boolean segments = random.nextBoolean();
            List<DamageFixture.StoreFile> kindFiles = segments ? fixture.segments : fixture.walFiles;
            if (kindFiles.size() < 2) {
                kindFiles = fixture.walFiles;
            }
            int a = random.nextInt(kindFiles.size());
            int b = (a + 1 + random.nextInt(kindFiles.size() - 1)) % kindFiles.size();
            String first = kindFiles.get(a).name;
            String second = kindFiles.get(b).name;
            if (kind == Kind.COPIED_BESIDE) {
                second = first.startsWith("wal/") ? "wal/wal_000900.wal" : "segments/segment_000900.log";
            }
            StoreDamage damage = new StoreDamage(kind, first, second);
            damage.changed = true;
            if (kind == Kind.SWAPPED) {
                Path tmp = dir.resolve("swap.tmp");
                Files.move(dir.resolve(first), tmp);
                Files.move(dir.resolve(second), dir.resolve(first));
                Files.move(tmp, dir.resolve(second));
                damage.touched.add(first);
            } else {
                Files.copy(dir.resolve(first), dir.resolve(second), StandardCopyOption.REPLACE_EXISTING);
            }
            if (kind != Kind.COPIED_BESIDE) {
                damage.touched.add(second); // a copy beside the others touches no file that was there
            }
            return damage;
        }
        String target = random.nextInt(8) == 0 ? "manifest.json"
                : random.nextInt(16) == 0 ? "wal.meta" : files.get(random.nextInt(files.size())).name;
        StoreDamage damage = new StoreDamage(kind, target, null);
        if (!target.equals("manifest.json") && !target.equals("wal.meta")) {
            damage.touched.add(target);
        }
        Path file = dir.resolve(target);
        byte[] bytes = Files.readAllBytes(file);
        byte[] damaged = damage.damage(bytes, random);
        damage.changed = !java.util.Arrays.equals(bytes, damaged);
        Files.write(file, damaged);
        return damage;
    }

    private byte[] damage(byte[] bytes, SplittableRandom random) {
        byte[] d = bytes.clone();
        switch (kind) {
            case BIT_FLIPS:
                for (int i = 1 + random.nextInt(8); i > 0; i--) {
                    d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return d;
            case TRUNCATION:
                return java.util.Arrays.copyOf(d, random.nextInt(d.length));
            default:
                int length = 1 + random.nextInt(Math.min(d.length, 8192));
                // one block in eight where a lost page most often is, and a header lies: at the file's start
                int at = random.nextInt(8) == 0 ? 0 : random.nextInt(d.length - length + 1);
                for (int i = at; i < at + length; i++) {
                    d[i] = kind == Kind.ZEROED_BLOCK ? 0 : (byte) random.nextInt(256);
                }
                return d;
        }
    }

    @Override
    public String toString() {
        return kind + " of " + target + (other == null ? "" : " and " + other);
    }
}
