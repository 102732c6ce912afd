package io.timberlog.core.internal.manifest;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class ConversionPacerTest {
    @Test
    void isBusyWithSmallBacklog_busyWriterAndSmallBacklog_waits() {
        assertTrue(ConversionPacer.isBusyWithSmallBacklog(1, 3_000_000));
        assertTrue(ConversionPacer.isBusyWithSmallBacklog(ConversionPacer.MAX_WAITING_FILES, 300_000));
    }

    @Test
    void isBusyWithSmallBacklog_quietWriter_converts() {
        assertFalse(ConversionPacer.isBusyWithSmallBacklog(1, 10_000));
        assertFalse(ConversionPacer.isBusyWithSmallBacklog(3, ConversionPacer.BUSY_EVENTS_PER_SECOND));
    }

    @Test
    void isBusyWithSmallBacklog_backlogBeyondTheBound_convertsEvenWhenBusy() {
        assertFalse(ConversionPacer.isBusyWithSmallBacklog(ConversionPacer.MAX_WAITING_FILES + 1, 5_000_000));
    }

    @Test
    void shouldWait_measuresTheAppendRateFromTheCounter() {
        AtomicLong appended = new AtomicLong();
        ConversionPacer pacer = new ConversionPacer(appended::get);
        assertFalse(pacer.shouldWait(1, 0), "no rate known yet");
        appended.set(1_000_000);
        assertTrue(pacer.shouldWait(1, 200_000_000L), "1M events in 0.2 s: busy");
        appended.set(1_001_000);
        assertFalse(pacer.shouldWait(1, 1_200_000_000L), "1000 events in 1 s: quiet");
    }
}
