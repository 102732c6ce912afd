package io.timberlog.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.*;

/** Every user mistake: one line on stderr, exit code 2, no stack trace. */
class UserMistakeTest {
    @TempDir
    Path dir;
    String store;

    @BeforeEach
    void sample() throws Exception {
        SampleStore.write(dir.resolve("store"));
        store = dir.resolve("store").toString();
    }

    private static void assertOneLineError(Cli.Result r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("timberlog: "), r.err());
        assertTrue(r.err().endsWith("\n"), r.err());
        assertEquals(1, r.err().split("\n").length, "one line: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void unknownFlag() {
        assertOneLineError(Cli.query(store, "--no-such-flag"), "Unknown option: '--no-such-flag'");
    }

    @Test
    void unknownFlagOfSubcommand_namesTheHelp() {
        assertOneLineError(Cli.query("stats", store, "--bogus"), "see 'timberlog stats --help'");
    }

    @Test
    void badDate() {
        assertOneLineError(Cli.query(store, "--since", "last tuesday"), "invalid --since 'last tuesday'");
        assertOneLineError(Cli.query(store, "--until", "2024-13-45"), "invalid --until '2024-13-45'");
    }

    @Test
    void sinceAfterUntil() {
        assertOneLineError(Cli.query(store, "--since", "now", "--until", "1h"), "is after --until");
    }

    @Test
    void missingDirectory() {
        assertOneLineError(Cli.query(dir.resolve("nope").toString()), "no such directory");
    }

    @Test
    void missingDirectoryArgument() {
        assertOneLineError(Cli.query("query"), "Missing required parameter: 'DIR'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "runs", "stats", "verify", "compact"})
    void emptyDirectoryArgument_isNotTheCurrentDirectory(String command) {
        assertOneLineError(Cli.query(command, ""), "DIR is empty");
    }

    @Test
    void walMetaThatIsADirectory_isNamed() throws Exception {
        Files.delete(dir.resolve("store/wal.meta"));
        Files.createDirectory(dir.resolve("store/wal.meta"));
        assertOneLineError(Cli.query(store), "wal.meta");
    }

    @Test
    void fileInsteadOfDirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "hello");
        assertOneLineError(Cli.query(file.toString()), "not a directory");
    }

    @Test
    void directoryThatIsNotAStore() throws Exception {
        Files.createDirectories(dir.resolve("empty/sub"));
        assertOneLineError(Cli.query(dir.resolve("empty").toString()), "not a TimberLog store");
    }

    @Test
    void storeOfNewerFormatVersion() throws Exception {
        // a meta slot as a later TimberLog would write it: the magic "TLWMETA\0", then format version 99
        byte[] slot = new byte[64];
        System.arraycopy("TLWMETA\0".getBytes(StandardCharsets.US_ASCII), 0, slot, 0, 8);
        slot[8] = 99;
        Files.write(dir.resolve("store/wal.meta"), slot, StandardOpenOption.TRUNCATE_EXISTING);
        assertOneLineError(Cli.query(store), "newer version of TimberLog");
        assertOneLineError(Cli.query("verify", store), "newer version of TimberLog");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--level=LOUD", "--arg=x>1", "--arg=1~2", "--arg=2>abc", "--field=novalue", "--grep=(unclosed",
            "--lines=-3", "--format=xml", "--color=sometimes", "--pattern=%nosuchword", "--pattern=%d{HH:mm:ss,SSS}",
            "--run=", "--run=zzzz", "--text="})
    void badValue(String flag) {
        Cli.Result r = Cli.query(store, flag);
        assertEquals(2, r.code(), flag + ": " + r.err());
        assertEquals(1, r.err().split("\n").length, r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void followWithReverse() {
        assertOneLineError(Cli.query(store, "-f", "-r"), "--follow");
    }

    @Test
    void noArguments_printsUsageAndFails() {
        Cli.Result r = Cli.query();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: timberlog"), r.err());
    }
}
