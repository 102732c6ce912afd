package io.timberlog.cli.output;

import io.timberlog.core.KeyValue;
import io.timberlog.core.LogEvent;
import io.timberlog.core.RunInfo;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.core.Value;
import io.timberlog.core.query.EventView;

import java.util.List;
import java.util.Map;

/**
 * One JSON object per line (JSON Lines), every field of the event, for {@code jq} and scripts:
 * <pre>
 * {"time":"2024-05-01T10:00:00.123000000Z","store":".","run":"18c...-4711-9f3e","pid":4711,"host":"web-1",
 *  "seq":42,"level":"INFO","logger":"com.acme.Orders","thread":"main","message":"order 7 took 12 ms",
 *  "template":"order {} took {} ms","style":"SLF4J","args":[7,12],"mdc":{"requestId":"r-1"},
 *  "markers":["AUDIT"],"kv":{"customer":"c-9"},"exception":{"class":"...","message":"...","frames":[...],
 *  "cause":{...},"suppressed":[...]},"caller":["..."],"truncated":true}
 * </pre>
 * Fields without a value (no arguments, no MDC, no exception, not truncated, unknown run) are left out.
 * Arguments and key-value values keep their type: numbers and booleans as JSON numbers and booleans
 * (NaN and infinities as strings), the rest as strings. Strings are escaped per RFC 8259, and also
 * DEL, C1 and bidi controls and U+2028/U+2029, so the output is safe on a terminal too.
 */
public final class JsonFormat implements EventFormat {
    private final Timestamps time = new Timestamps();
    private RunInfo lastRun;
    private String lastRunFields;

    @Override
    public void format(EventView hit, StringBuilder sb) {
        LogEvent e = hit.event();
        sb.append("{\"time\":\"");
        time.append(sb, e.epochNanos());
        sb.append("\",\"store\":");
        SafeText.appendJson(sb, hit.store().label());
        RunInfo run = e.run();
        if (run != null) {
            sb.append(runFields(run));
        }
        sb.append(",\"seq\":").append(e.sequence());
        sb.append(",\"level\":\"").append(e.level().name()).append('"');
        sb.append(",\"logger\":");
        SafeText.appendJson(sb, e.logger());
        sb.append(",\"thread\":");
        SafeText.appendJson(sb, e.thread());
        sb.append(",\"message\":");
        SafeText.appendJson(sb, e.message());
        sb.append(",\"template\":");
        SafeText.appendJson(sb, e.template());
        sb.append(",\"style\":\"").append(e.style().name()).append('"');
        if (!e.arguments().isEmpty()) {
            sb.append(",\"args\":[");
            for (int i = 0; i < e.arguments().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                value(sb, e.arguments().get(i));
            }
            sb.append(']');
        }
        if (!e.mdc().isEmpty()) {
            sb.append(",\"mdc\":{");
            boolean first = true;
            for (Map.Entry<String, String> m : e.mdc().entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                SafeText.appendJson(sb, m.getKey());
                sb.append(':');
                if (m.getValue() == null) {
                    sb.append("null");
                } else {
                    SafeText.appendJson(sb, m.getValue());
                }
            }
            sb.append('}');
        }
        if (!e.markers().isEmpty()) {
            sb.append(",\"markers\":");
            strings(sb, e.markers());
        }
        if (!e.keyValues().isEmpty()) {
            sb.append(",\"kv\":{");
            for (int i = 0; i < e.keyValues().size(); i++) {
                KeyValue kv = e.keyValues().get(i);
                if (i > 0) {
                    sb.append(',');
                }
                SafeText.appendJson(sb, kv.key());
                sb.append(':');
                value(sb, kv.value());
            }
            sb.append('}');
        }
        if (e.throwable() != null) {
            sb.append(",\"exception\":");
            throwable(sb, e.throwable());
        }
        if (!e.callerFrames().isEmpty()) {
            sb.append(",\"caller\":");
            strings(sb, e.callerFrames());
        }
        if (e.isTruncated()) {
            sb.append(",\"truncated\":true");
        }
        sb.append("}\n");
    }

    /** The run's fields; events come run by run, so the text of the last one is kept. */
    private String runFields(RunInfo run) {
        if (!run.equals(lastRun)) {
            StringBuilder sb = new StringBuilder(",\"run\":\"").append(run.id()).append("\",\"pid\":").append(run.pid())
                    .append(",\"host\":");
            SafeText.appendJson(sb, run.host());
            lastRun = run;
            lastRunFields = sb.toString();
        }
        return lastRunFields;
    }

    private static void value(StringBuilder sb, Value v) {
        switch (v.kind()) {
            case NULL:
                sb.append("null");
                return;
            case BOOLEAN:
            case INTEGER:
                sb.append(v.text());
                return;
            case FLOAT:
            case DOUBLE:
                double d = v.asDouble();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    SafeText.appendJson(sb, v.text());
                } else {
                    sb.append(v.text());
                }
                return;
            default:
                SafeText.appendJson(sb, v.text());
        }
    }

    private static void strings(StringBuilder sb, List<String> list) {
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            SafeText.appendJson(sb, list.get(i));
        }
        sb.append(']');
    }

    private static void throwable(StringBuilder sb, ThrowableInfo t) {
        sb.append("{\"class\":");
        SafeText.appendJson(sb, t.className());
        if (t.message() != null) {
            sb.append(",\"message\":");
            SafeText.appendJson(sb, t.message());
        }
        if (t.toStringOverride() != null) {
            sb.append(",\"toString\":");
            SafeText.appendJson(sb, t.toStringOverride());
        }
        if (t.isCircularReference()) {
            sb.append(",\"circular\":true");
        }
        if (!t.frames().isEmpty()) {
            sb.append(",\"frames\":");
            strings(sb, t.frames());
        }
        if (t.commonFramesOmitted() > 0) {
            sb.append(",\"commonFramesOmitted\":").append(t.commonFramesOmitted());
        }
        if (!t.suppressed().isEmpty()) {
            sb.append(",\"suppressed\":[");
            for (int i = 0; i < t.suppressed().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                throwable(sb, t.suppressed().get(i));
            }
            sb.append(']');
        }
        if (t.cause() != null) {
            sb.append(",\"cause\":");
            throwable(sb, t.cause());
        }
        sb.append('}');
    }
}
