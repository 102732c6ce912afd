package io.timberlog.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTest {
    @Test
    void systemZone_whenUtc_isUtcWithFixedRules() {
        for (String id : new String[] {"Etc/UTC", "UTC"}) {
            ZoneId zone = withDefault(id);
            assertEquals("UTC", zone.getId());
            assertTrue(zone.getRules().isFixedOffset());
            assertEquals(ZoneOffset.UTC, zone.getRules().getOffset(Instant.parse("2026-07-01T00:00:00Z")));
        }
    }

    @Test
    void systemZone_whenNotUtc_isTheRegionWithItsRules() {
        ZoneId zone = withDefault("Europe/Berlin");
        assertEquals("Europe/Berlin", zone.getId());
        assertEquals(ZoneOffset.ofHours(2), zone.getRules().getOffset(Instant.parse("2026-07-01T00:00:00Z")));
    }

    private static ZoneId withDefault(String id) {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone(id));
            return Console.systemZone();
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
