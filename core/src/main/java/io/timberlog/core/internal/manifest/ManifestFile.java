package io.timberlog.core.internal.manifest;

import io.timberlog.core.Level;
import io.timberlog.core.internal.manifest.JsonReader.MalformedJsonException;
import io.timberlog.core.internal.manifest.JsonReader.Token;
import io.timberlog.core.internal.io.FileOps;
import io.timberlog.core.internal.segment.SegmentFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Reads and writes {@code manifest.json} (layout in FORMAT.md, "manifest.json"). Written atomically
 * (temporary file, force, rename, force the directory). Read token by token ({@link JsonReader}, strict
 * JSON) into our own model, field by field: nothing in the file names a type, and every value is
 * checked, so a damaged or hostile manifest is reported as such and never opens a file outside the
 * store. Written by hand, byte for byte as Jackson's generator wrote it before.
 *
 * <p>Thread-safe (stateless).
 */
public final class ManifestFile {
    public static final String FILE_NAME = "manifest.json";
    public static final String FORMAT = "timberlog-manifest";
    /** A manifest larger than this is not read: even a store of a million segments stays far below. */
    static final int MAX_BYTES = 256 << 20;
    /**
     * The last field since version 2, in every later version too (so that damage is never taken for a
     * newer version): the CRC32C of the file's bytes before it, as 8 lowercase hex digits.
     */
    private static final String CRC_FIELD = "crc32c";
    private static final byte[] CRC_FIELD_START = (",\"" + CRC_FIELD + "\":").getBytes(StandardCharsets.US_ASCII);

    /** What reading the manifest found. */
    public static final class Result {
        public enum Status { OK, MISSING, DAMAGED, NEWER_VERSION }

        public final Status status;
        public final Manifest manifest;
        public final String problem;

        private Result(Status status, Manifest manifest, String problem) {
            this.status = status;
            this.manifest = manifest;
            this.problem = problem;
        }
    }

    private ManifestFile() {
    }

    public static Path path(Path store) {
        return store.resolve(FILE_NAME);
    }

    public static boolean exists(Path store) {
        return Files.exists(path(store), LinkOption.NOFOLLOW_LINKS);
    }

    public static Result read(Path store) throws IOException {
        Path file = path(store);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Result(Result.Status.MISSING, null, null);
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Result(Result.Status.DAMAGED, null, file + " is not a regular file");
        }
        byte[] bytes;
        try {
            bytes = readBounded(file);
        } catch (NoSuchFileException e) {
            return new Result(Result.Status.MISSING, null, null);
        }
        if (bytes == null) {
            return new Result(Result.Status.DAMAGED, null, file + " is larger than " + MAX_BYTES + " bytes");
        }
        try {
            return parse(bytes);
        } catch (InvalidManifestException e) {
            return new Result(Result.Status.DAMAGED, null, file + ": " + e.getMessage());
        } catch (MalformedJsonException e) {
            return new Result(Result.Status.DAMAGED, null, file + ": not valid JSON: " + e.getMessage());
        }
    }

    private static byte[] readBounded(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (size > MAX_BYTES) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            int n = FileOps.readFully(ch, buf, 0);
            return Arrays.copyOf(buf.array(), n);
        }
    }

    /** A value of the manifest that is not what the format allows. */
    private static final class InvalidManifestException extends Exception {
        InvalidManifestException(String message) {
            super(message, null, false, false);
        }
    }

    private static Result parse(byte[] bytes) throws MalformedJsonException, InvalidManifestException {
        JsonReader p = new JsonReader(bytes);
        expect(p.next() == Token.START_OBJECT, "not a JSON object");
        String format = null;
        long version = -1;
        long generation = 0;
        long highestWalId = 0;
        long highestSequence = -1;
        long retainedFrom = 0;
        List<ManifestEntry> segments = null;
        String crc = null;
        while (p.next() == Token.FIELD_NAME) {
            String field = p.name();
            Token value = p.next();
            expect(crc == null, "a field after the checksum");
            switch (field) {
                case CRC_FIELD: crc = text(p, value, field); break;
                case "format": format = text(p, value, field); break;
                case "version": version = number(p, value, field, 0); break;
                case "generation": generation = number(p, value, field, 0); break;
                case "highestWalId": highestWalId = number(p, value, field, 0); break;
                case "highestSequence": highestSequence = number(p, value, field, -1); break;
                case "retainedFromSequence": retainedFrom = number(p, value, field, 0); break;
                case "segments": segments = segments(p, value); break;
                default: p.skipChildren(); // a field of a later minor revision
            }
        }
        expect(p.current() == Token.END_OBJECT && p.next() == null, "trailing content");
        if (crc != null) {
            checkCrc(bytes, crc);
        }
        expect(FORMAT.equals(format), "not a TimberLog manifest (format is " + format + ")");
        if (version > Manifest.VERSION) {
            return new Result(Result.Status.NEWER_VERSION, null, "manifest version " + version);
        }
        expect(version == Manifest.VERSION || version == 1, "unknown manifest version " + version);
        expect(crc != null || version == 1, "no checksum");
        expect(segments != null, "no segment list");
        return new Result(Result.Status.OK, new Manifest(generation, highestWalId, highestSequence, retainedFrom,
                segments), null);
    }

    private static List<ManifestEntry> segments(JsonReader p, Token token) throws MalformedJsonException,
            InvalidManifestException {
        expect(token == Token.START_ARRAY, "segments is not a list");
        List<ManifestEntry> entries = new ArrayList<>();
        Set<String> files = new HashSet<>();
        Set<Long> walIds = new HashSet<>();
        while (p.next() == Token.START_OBJECT) {
            ManifestEntry e = entry(p);
            if (!files.add(e.file())) {
                throw new InvalidManifestException("segment " + e.file() + " listed twice");
            }
            for (long id : e.walIds()) {
                if (!walIds.add(id)) {
                    throw new InvalidManifestException("WAL id " + id + " listed for two segments");
                }
            }
            entries.add(e);
        }
        expect(p.current() == Token.END_ARRAY, "segments is not a list of objects");
        return entries;
    }

    private static ManifestEntry entry(JsonReader p) throws MalformedJsonException, InvalidManifestException {
        String file = null;
        long size = -1;
        long events = -1;
        long minSeq = -1;
        long maxSeq = -1;
        Long minTime = null;
        Long maxTime = null;
        List<String> runs = new ArrayList<>();
        long[] levels = new long[Level.values().length];
        long[] walIds = null;
        while (p.next() == Token.FIELD_NAME) {
            String field = p.name();
            Token value = p.next();
            switch (field) {
                case "file": file = text(p, value, field); break;
                case "size": size = number(p, value, field, 0); break;
                case "events": events = number(p, value, field, 1); break;
                case "minSequence": minSeq = number(p, value, field, 0); break;
                case "maxSequence": maxSeq = number(p, value, field, 0); break;
                case "minTimestamp": minTime = anyNumber(p, value, field); break;
                case "maxTimestamp": maxTime = anyNumber(p, value, field); break;
                case "runs":
                    expect(value == Token.START_ARRAY, "runs is not a list");
                    while (p.next() == Token.STRING) {
                        runs.add(p.text());
                    }
                    expect(p.current() == Token.END_ARRAY, "runs is not a list of strings");
                    break;
                case "levels":
                    expect(value == Token.START_OBJECT, "levels is not an object");
                    while (p.next() == Token.FIELD_NAME) {
                        Level level = Level.parse(p.name());
                        long count = number(p, p.next(), "levels", 0);
                        if (level != null && level.name().equals(p.name())) {
                            levels[level.code()] = count;
                        }
                    }
                    break;
                case "walIds":
                    expect(value == Token.START_ARRAY, "walIds is not a list");
                    List<Long> ids = new ArrayList<>();
                    while (p.next() == Token.NUMBER) {
                        ids.add(number(p, Token.NUMBER, field, 1));
                    }
                    expect(p.current() == Token.END_ARRAY, "walIds is not a list of ids");
                    walIds = new long[ids.size()];
                    for (int i = 0; i < walIds.length; i++) {
                        walIds[i] = ids.get(i);
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (file == null || SegmentFiles.idOf(file) < 0) {
            throw new InvalidManifestException("invalid segment file name " + quote(file));
        }
        if (size < 0 || events < 1 || minSeq < 0 || maxSeq < minSeq || minTime == null || maxTime == null
                || maxTime < minTime || walIds == null) {
            throw new InvalidManifestException("segment " + file + " has missing or inconsistent fields");
        }
        return new ManifestEntry(file, size, events, minSeq, maxSeq, minTime, maxTime, runs, levels, walIds);
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    private static String text(JsonReader p, Token token, String field) throws InvalidManifestException {
        if (token != Token.STRING) {
            throw new InvalidManifestException(field + " is not a string");
        }
        return p.text();
    }

    private static long number(JsonReader p, Token token, String field, long min) throws InvalidManifestException {
        long v = anyNumber(p, token, field);
        if (v < min) {
            throw new InvalidManifestException(field + " out of range: " + v);
        }
        return v;
    }

    private static long anyNumber(JsonReader p, Token token, String field) throws InvalidManifestException {
        if (token != Token.NUMBER || !p.isLong()) {
            throw new InvalidManifestException(field + " is not an integer that fits 64 bits");
        }
        return p.longValue();
    }

    /** For fixed messages: one that is made of parts is made only on failure, every entry being checked on each start. */
    private static void expect(boolean condition, String problem) throws InvalidManifestException {
        if (!condition) {
            throw new InvalidManifestException(problem);
        }
    }

    /** The checksum field, the last of the object, must hold the CRC32C of the bytes before it. */
    private static void checkCrc(byte[] bytes, String stored) throws InvalidManifestException {
        int at = lastIndexOf(bytes, CRC_FIELD_START);
        expect(at >= 0, "no checksum");
        String computed = crcOf(bytes, at);
        if (!computed.equals(stored)) {
            throw new InvalidManifestException("checksum mismatch (stored " + quote(stored) + ", computed " + computed + ")");
        }
    }

    private static String crcOf(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        String hex = Long.toHexString(crc.getValue());
        return "0".repeat(8 - hex.length()) + hex;
    }

    private static int lastIndexOf(byte[] bytes, byte[] part) {
        for (int i = bytes.length - part.length; i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code json}, a manifest's object without its checksum (as {@link #toJson} writes it before the
     * checksum, or as a person edited it), with the checksum it needs: the last field, then the object's
     * end and a newline. Any checksum field already at its end is replaced.
     */
    public static byte[] seal(byte[] json) {
        int end = json.length;
        while (end > 0 && (json[end - 1] == '\n' || json[end - 1] == ' ')) {
            end--;
        }
        int crcAt = lastIndexOf(Arrays.copyOf(json, end), CRC_FIELD_START);
        int bodyEnd = crcAt >= 0 ? crcAt : Math.max(0, end - 1); // without the checksum, or the closing brace
        String tail = ",\"" + CRC_FIELD + "\":\"" + crcOf(json, bodyEnd) + "\"}\n";
        byte[] out = Arrays.copyOf(json, bodyEnd + tail.length());
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, out, bodyEnd, tail.length());
        return out;
    }

    /** Replaces the store's manifest with {@code manifest}, atomically and durably. */
    public static void write(Path store, Manifest manifest) throws IOException {
        FileOps.writeAtomically(path(store), toJson(manifest));
    }

    static byte[] toJson(Manifest manifest) {
        StringBuilder sb = new StringBuilder(512 + 400 * manifest.segments().size());
        sb.append('{');
        field(sb, "format").append(string(FORMAT));
        field(sb.append(','), "version").append(Manifest.VERSION);
        field(sb.append(','), "generation").append(manifest.generation());
        field(sb.append(','), "highestWalId").append(manifest.highestWalId());
        field(sb.append(','), "highestSequence").append(manifest.highestSequence());
        field(sb.append(','), "retainedFromSequence").append(manifest.retainedFromSequence());
        field(sb.append(','), "segments").append('[');
        boolean first = true;
        for (ManifestEntry e : manifest.segments()) {
            sb.append(first ? "{" : ",{");
            first = false;
            field(sb, "file").append(string(e.file()));
            field(sb.append(','), "size").append(e.size());
            field(sb.append(','), "events").append(e.events());
            field(sb.append(','), "minSequence").append(e.minSequence());
            field(sb.append(','), "maxSequence").append(e.maxSequence());
            field(sb.append(','), "minTimestamp").append(e.minEpochNanos());
            field(sb.append(','), "maxTimestamp").append(e.maxEpochNanos());
            field(sb.append(','), "runs").append('[');
            for (int i = 0; i < e.runs().size(); i++) {
                sb.append(i > 0 ? "," : "").append(string(e.runs().get(i)));
            }
            field(sb.append("],"), "levels").append('{');
            Level[] levels = Level.values();
            for (int i = 0; i < levels.length; i++) {
                field(sb.append(i > 0 ? "," : ""), levels[i].name()).append(e.levelCount(levels[i]));
            }
            field(sb.append("},"), "walIds").append('[');
            long[] walIds = e.walIds();
            for (int i = 0; i < walIds.length; i++) {
                sb.append(i > 0 ? "," : "").append(walIds[i]);
            }
            sb.append("]}");
        }
        sb.append("]}");
        return seal(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static StringBuilder field(StringBuilder sb, String name) {
        return sb.append(string(name)).append(':');
    }

    /** {@code s} as a JSON string: quotes, backslashes and control characters escaped. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
