package io.timberlog.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The results for machines: every run's figures, the medians, the targets and the other parts' tables. */
final class JsonReport {
    private JsonReport() {
    }

    static void write(Path file, String date, String command, String loadStart, String loadEnd, BenchOptions options,
                      List<IngestResult> ingest, IngestSummary summary, List<KillResult> kills,
                      List<Targets.Check> targets, List<String> otherSections) throws IOException {
        try (Writer out = Files.newBufferedWriter(file);
             JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("date", date);
            json.writeStringField("command", command);
            json.writeStringField("machine", Machine.describe());
            json.writeStringField("loadAverageAtStart", loadStart);
            json.writeStringField("loadAverageAtEnd", loadEnd);
            json.writeObjectFieldStart("options");
            json.writeNumberField("rounds", options.rounds());
            json.writeNumberField("warmupEventsPerThread", options.warmupEvents());
            json.writeNumberField("latencyEventsPerThread", options.latencyEvents());
            json.writeNumberField("eventsPerThread", options.events());
            json.writeStringField("heap", options.heap());
            json.writeEndObject();
            json.writeArrayFieldStart("ingestRuns");
            for (IngestResult r : ingest) {
                json.writeStartObject();
                json.writeStringField("contender", r.contender().id());
                json.writeNumberField("threads", r.threads());
                json.writeNumberField("events", r.events());
                json.writeNumberField("calls", r.calls());
                json.writeNumberField("foundInOutput", r.found());
                json.writeNumberField("stopMillis", r.stopMillis());
                writeFigures(json, r);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("ingestMedians");
            for (IngestSummary.Row r : summary.rows()) {
                json.writeStartObject();
                json.writeStringField("contender", r.contender().id());
                json.writeStringField("label", r.contender().label());
                json.writeBooleanField("reference", r.contender().isReference());
                json.writeNumberField("threads", r.threads());
                json.writeNumberField("runs", r.runs());
                json.writeNumberField("callsRatioToBest", r.callsRatio());
                json.writeNumberField("writtenRatioToBest", r.writtenRatio());
                json.writeNumberField("p999RatioToBest", r.p999Ratio());
                writeFigures(json, r);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("killRuns");
            for (KillResult k : kills) {
                json.writeStartObject();
                json.writeStringField("contender", k.contender().id());
                json.writeNumberField("acknowledged", k.acknowledged());
                json.writeNumberField("lost", k.lost());
                json.writeNumberField("found", k.found());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("targets");
            for (Targets.Check c : targets) {
                json.writeStartObject();
                json.writeStringField("target", c.target());
                json.writeStringField("measured", c.measured());
                json.writeBooleanField("met", c.met());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("otherSectionsMarkdown");
            for (String line : otherSections) {
                json.writeString(line);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeFigures(JsonGenerator json, IngestFigures f) throws IOException {
        json.writeNumberField("callsPerSecond", f.callsPerSecond());
        json.writeNumberField("writtenPerSecond", f.writtenPerSecond());
        json.writeNumberField("p50Nanos", f.p50Nanos());
        json.writeNumberField("p99Nanos", f.p99Nanos());
        json.writeNumberField("p999Nanos", f.p999Nanos());
        json.writeNumberField("maxNanos", f.maxNanos());
        json.writeNumberField("callerBytesPerEvent", f.callerBytesPerEvent());
        json.writeNumberField("jvmBytesPerEvent", f.jvmBytesPerEvent());
        json.writeNumberField("callerCpuNanosPerEvent", f.callerCpuNanosPerEvent());
        json.writeNumberField("backgroundCpuNanosPerEvent", f.backgroundCpuNanosPerEvent());
    }
}
