package io.timberlog.core;

import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class ConfigValuesTest {
    @Test
    void parseSize_withUnits_usesPowersOf1024() {
        assertEquals(64L << 20, ConfigValues.parseSize("64MiB"));
        assertEquals(64L << 20, ConfigValues.parseSize("64MB"));
        assertEquals(512L << 10, ConfigValues.parseSize("512 kb"));
        assertEquals(2L << 30, ConfigValues.parseSize("2g"));
        assertEquals(4096, ConfigValues.parseSize("4096"));
    }

    @Test
    void parseSize_garbage_namesTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseSize("lots"));
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseSize("99999999999999999999"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseSize("9999999999999T"));
    }

    @Test
    void parseDuration_withUnitsAndIso_parses() {
        assertEquals(Duration.ofMillis(250), ConfigValues.parseDuration("250ms"));
        assertEquals(Duration.ofMillis(250), ConfigValues.parseDuration("250"));
        assertEquals(Duration.ofSeconds(1), ConfigValues.parseDuration("1s"));
        assertEquals(Duration.ofMinutes(10), ConfigValues.parseDuration("10m"));
        assertEquals(Duration.ofDays(14), ConfigValues.parseDuration("14d"));
        assertEquals(Duration.ofSeconds(3), ConfigValues.parseDuration("PT3S"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseDuration("soon"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseDuration("PTx"));
    }

    @Test
    void builderSet_knownOptions_areApplied() {
        StoreOptions.Builder b = StoreOptions.builder(Paths.get("/tmp/x"));
        assertTrue(b.set("maxWalSize", "8MiB"));
        assertTrue(b.set("FSYNC", "always"));
        assertTrue(b.set("fsyncInterval", "250ms"));
        assertTrue(b.set("forceAtLevel", "off"));
        assertTrue(b.set("onOverload", "drop"));
        assertTrue(b.set("blockTimeout", "2s"));
        assertTrue(b.set("maxEventSize", "128KiB"));
        assertTrue(b.set("dir", "/var/log/app"));
        StoreOptions o = b.build();
        assertEquals(8L << 20, o.maxWalSize());
        assertEquals(FsyncPolicy.ALWAYS, o.fsync());
        assertEquals(Duration.ofMillis(250), o.fsyncInterval());
        assertNull(o.forceAtLevel());
        assertEquals(OverloadPolicy.DROP, o.overload());
        assertEquals(Duration.ofSeconds(2), o.blockTimeout());
        assertEquals(128 << 10, o.maxEventSize());
        assertEquals(Paths.get("/var/log/app"), o.directory());
    }

    @Test
    void builderSet_unknownOption_returnsFalse() {
        assertFalse(StoreOptions.builder(Paths.get("x")).set("colour", "blue"));
    }

    @Test
    void builderSet_badValue_namesTheOptionAndTheChoices() {
        StoreOptions.Builder b = StoreOptions.builder(Paths.get("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.set("fsync", "sometimes"));
        assertEquals("fsync must be one of never|interval|always, was 'sometimes'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.set("maxWalSize", "1KiB"));
        assertTrue(e.getMessage().startsWith("maxWalSize must be between"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.set("forceAtLevel", "LOUD"));
        assertTrue(e.getMessage().contains("'LOUD'"), e.getMessage());
    }

    @Test
    void maxEventSize_isCappedAtAQuarterOfTheWalSize() {
        StoreOptions o = StoreOptions.builder(Paths.get("x")).maxWalSize(StoreOptions.MIN_WAL_SIZE)
                .maxEventSize(StoreOptions.MAX_EVENT_SIZE).build();
        assertEquals(StoreOptions.MIN_WAL_SIZE / 4, o.maxEventSize());
    }
}
