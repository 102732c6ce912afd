package io.timberlog.bench;

/** The figures of an ingest run, or the medians of several; see {@link IngestResult} for each one. */
public interface IngestFigures {
    double callsPerSecond();

    double writtenPerSecond();

    double p50Nanos();

    double p99Nanos();

    double p999Nanos();

    double maxNanos();

    double callerBytesPerEvent();

    double jvmBytesPerEvent();

    double callerCpuNanosPerEvent();

    double backgroundCpuNanosPerEvent();
}
