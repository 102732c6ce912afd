package io.timberlog.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What one ingest run measured; handed from the child JVM to the runner as a properties file.
 *
 * @param events            calls measured (all threads)
 * @param calls             calls made in the whole run (warm-up and latency phases included)
 * @param found             events found in the output after the stop; -1 for a reference
 * @param callsPerSecond    events / time until the last call returned
 * @param writtenPerSecond  events / time until the framework was stopped (everything written)
 * @param stopMillis        how long the stop took after the last call returned
 * @param p50Nanos          call latency percentiles and maximum, nanoseconds
 * @param callerBytesPerEvent heap bytes allocated per event by the calling threads
 * @param jvmBytesPerEvent  heap bytes allocated per event by the whole JVM, including the stop
 * @param callerCpuNanosPerEvent     CPU time per event of the calling threads: what the call costs, however
 *                                   busy the machine is
 * @param backgroundCpuNanosPerEvent CPU time per event of the JVM's other threads until the last call returned
 */
public record IngestResult(Contender contender, int threads, long events, long calls, long found, double callsPerSecond,
                           double writtenPerSecond, double stopMillis, double p50Nanos, double p99Nanos,
                           double p999Nanos, double maxNanos, double callerBytesPerEvent, double jvmBytesPerEvent,
                           double callerCpuNanosPerEvent, double backgroundCpuNanosPerEvent) implements IngestFigures {

    /** Whether the output lacks events whose call returned (a reference writes nothing, and lacks none). */
    public boolean isIncomplete() {
        return found >= 0 && found != calls;
    }

    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("contender", contender.id());
        p.setProperty("threads", Integer.toString(threads));
        p.setProperty("events", Long.toString(events));
        p.setProperty("calls", Long.toString(calls));
        p.setProperty("found", Long.toString(found));
        p.setProperty("callsPerSecond", Double.toString(callsPerSecond));
        p.setProperty("writtenPerSecond", Double.toString(writtenPerSecond));
        p.setProperty("stopMillis", Double.toString(stopMillis));
        p.setProperty("p50Nanos", Double.toString(p50Nanos));
        p.setProperty("p99Nanos", Double.toString(p99Nanos));
        p.setProperty("p999Nanos", Double.toString(p999Nanos));
        p.setProperty("maxNanos", Double.toString(maxNanos));
        p.setProperty("callerBytesPerEvent", Double.toString(callerBytesPerEvent));
        p.setProperty("jvmBytesPerEvent", Double.toString(jvmBytesPerEvent));
        p.setProperty("callerCpuNanosPerEvent", Double.toString(callerCpuNanosPerEvent));
        p.setProperty("backgroundCpuNanosPerEvent", Double.toString(backgroundCpuNanosPerEvent));
        ResultFile.write(file, p);
    }

    public static IngestResult read(Path file) throws IOException {
        Properties p = ResultFile.read(file);
        return new IngestResult(Contender.byId(p.getProperty("contender")), Integer.parseInt(p.getProperty("threads")),
                Long.parseLong(p.getProperty("events")), Long.parseLong(p.getProperty("calls")),
                Long.parseLong(p.getProperty("found")), Double.parseDouble(p.getProperty("callsPerSecond")),
                Double.parseDouble(p.getProperty("writtenPerSecond")), Double.parseDouble(p.getProperty("stopMillis")),
                Double.parseDouble(p.getProperty("p50Nanos")), Double.parseDouble(p.getProperty("p99Nanos")),
                Double.parseDouble(p.getProperty("p999Nanos")), Double.parseDouble(p.getProperty("maxNanos")),
                Double.parseDouble(p.getProperty("callerBytesPerEvent")),
                Double.parseDouble(p.getProperty("jvmBytesPerEvent")),
                Double.parseDouble(p.getProperty("callerCpuNanosPerEvent")),
                Double.parseDouble(p.getProperty("backgroundCpuNanosPerEvent")));
    }
}
