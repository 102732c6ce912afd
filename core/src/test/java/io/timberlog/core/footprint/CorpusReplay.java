package io.timberlog.core.footprint;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;
import io.timberlog.core.internal.format.MessageFormatter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays a Loghub corpus ({@code *_2k.log_structured.csv}) as an application would have logged it:
 * each line's {@code EventTemplate} with {@code <*>} written {@code {}} becomes an SLF4J template, and
 * the pieces of {@code Content} that the placeholders stand for become its arguments: integers in
 * canonical form as {@code long} (as code logs a number), everything else as a string. A line whose
 * message the template cannot reproduce exactly is logged as a literal message. The logger is
 * {@code Component}; the thread is {@code Process}, {@code Node} or {@code Pid}, whichever the corpus has.
 */
public final class CorpusReplay {
    /** One line of a corpus as a logging call. */
    public static final class Line {
        public final long epochNanos;
        public final Level level;
        public final String logger;
        public final String thread;
        public final String template;
        public final MessageStyle style;
        public final List<Object> arguments;
        /** The original message text. */
        public final String content;

        Line(long epochNanos, Level level, String logger, String thread, String template, MessageStyle style,
             List<Object> arguments, String content) {
            this.epochNanos = epochNanos;
            this.level = level;
            this.logger = logger;
            this.thread = thread;
            this.template = template;
            this.style = style;
            this.arguments = arguments;
            this.content = content;
        }

        public CapturedEvent fill(CapturedEvent event) {
            event.reset().timestamp(epochNanos).level(level).logger(logger).thread(thread).message(template, style);
            for (Object a : arguments) {
                if (a instanceof Long) {
                    event.addArgument((long) (Long) a);
                } else {
                    event.addArgument(a);
                }
            }
            return event;
        }
    }

    private static final Pattern INTEGER = Pattern.compile("-?[1-9][0-9]{0,18}|0");

    private CorpusReplay() {
    }

    /** The corpus directory: {@code ../shared/corpus/loghub} from the repository, or the system property {@code timberlog.corpus}. */
    public static Path corpusDirectory() {
        String configured = System.getProperty("timberlog.corpus");
        if (configured != null) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 5 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/loghub");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path sibling = dir.resolveSibling("shared").resolve("corpus/loghub");
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
        }
        return Path.of("/work/shared/corpus/loghub");
    }

    public static List<Line> read(Path structuredCsv) throws IOException {
        List<List<String>> rows = Csv.parse(new String(Files.readAllBytes(structuredCsv), StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i), i);
        }
        String threadColumn = col.containsKey("Process") ? "Process" : col.containsKey("Node") ? "Node"
                : col.containsKey("Pid") ? "Pid" : null;
        List<Line> lines = new ArrayList<>(rows.size() - 1);
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() < header.size()) {
                continue;
            }
            String content = row.get(col.get("Content"));
            String eventTemplate = row.get(col.get("EventTemplate"));
            Level level = Level.parse(row.get(col.get("Level")));
            String thread = threadColumn == null ? "main" : row.get(col.get(threadColumn));
            long nanos = timestamp(row.get(col.get("Date")), row.get(col.get("Time")));
            lines.add(line(nanos, level == null ? Level.INFO : level, row.get(col.get("Component")), thread,
                    eventTemplate, content));
        }
        return lines;
    }

    private static Line line(long nanos, Level level, String logger, String thread, String eventTemplate,
                             String content) {
        String template = eventTemplate.replace("<*>", "{}");
        List<Object> args = arguments(eventTemplate, content);
        if (args != null) {
            List<Value> values = new ArrayList<>();
            for (Object a : args) {
                values.add(a instanceof Long ? Value.of((long) (Long) a) : Value.of((String) a));
            }
            if (MessageFormatter.format(MessageStyle.SLF4J, template, values).equals(content)) {
                return new Line(nanos, level, logger, thread, template, MessageStyle.SLF4J, args, content);
            }
        }
        return new Line(nanos, level, logger, thread, content, MessageStyle.LITERAL, List.of(), content);
    }

    /** The pieces of {@code content} that the {@code <*>} of {@code eventTemplate} stand for, or null. */
    private static List<Object> arguments(String eventTemplate, String content) {
        String[] literals = eventTemplate.split(Pattern.quote("<*>"), -1);
        if (literals.length == 1) {
            return eventTemplate.equals(content) ? List.of() : null;
        }
        StringBuilder regex = new StringBuilder("^");
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append("(.*?)");
            }
            regex.append(Pattern.quote(literals[i]));
        }
        Matcher m = Pattern.compile(regex.append('$').toString(), Pattern.DOTALL).matcher(content);
        if (!m.matches()) {
            return null;
        }
        List<Object> args = new ArrayList<>();
        for (int g = 1; g <= m.groupCount(); g++) {
            String piece = m.group(g);
            args.add(isLong(piece) ? (Object) Long.parseLong(piece) : piece);
        }
        return args;
    }

    /** True when {@code text} is a long written as {@link Long#toString} writes it. */
    private static boolean isLong(String text) {
        if (!INTEGER.matcher(text).matches()) {
            return false;
        }
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static final DateTimeFormatter[] DATES = {
        DateTimeFormatter.ofPattern("yyyy-MM-dd"), DateTimeFormatter.ofPattern("yy/MM/dd"),
        DateTimeFormatter.ofPattern("yyMMdd"),
    };
    private static final DateTimeFormatter[] TIMES = {
        DateTimeFormatter.ofPattern("HH:mm:ss,SSS"), DateTimeFormatter.ofPattern("HH:mm:ss"),
        DateTimeFormatter.ofPattern("HHmmss"),
    };

    private static long timestamp(String date, String time) {
        LocalDate d = null;
        for (DateTimeFormatter f : DATES) {
            try {
                d = LocalDate.parse(date, f);
                break;
            } catch (RuntimeException e) {
                // try the next format
            }
        }
        LocalTime t = null;
        for (DateTimeFormatter f : TIMES) {
            try {
                t = LocalTime.parse(time.length() == 5 ? "0" + time : time, f);
                break;
            } catch (RuntimeException e) {
                // try the next format
            }
        }
        if (d == null || t == null) {
            throw new IllegalArgumentException("unknown date or time: " + date + " " + time);
        }
        java.time.Instant instant = d.atTime(t).toInstant(ZoneOffset.UTC);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Appends every line to {@code store}; returns how many were accepted. */
    public static int replay(List<Line> lines, LogStore store) {
        CapturedEvent event = new CapturedEvent();
        int accepted = 0;
        for (Line line : lines) {
            if (store.append(line.fill(event))) {
                accepted++;
            }
        }
        return accepted;
    }
}
