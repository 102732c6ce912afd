package io.timberlog.cli.output;

import io.timberlog.core.KeyValue;
import io.timberlog.core.LogEvent;
import io.timberlog.core.RunInfo;
import io.timberlog.core.query.EventView;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The conversion words of {@link PatternLayout}: logback's, with the same names and aliases, plus
 * {@code %store} (where the event came from) and {@code %run} (the id of the run that wrote it).
 *
 * <pre>
 * %d %date{pattern[, zone]}       %p %le %level            %t %thread
 * %c %lo %logger{length}          %m %msg %message         %n
 * %X %mdc{key[:-default]}         %ex %exception %throwable %xEx{depth|short|full}   %nopex
 * %rEx %rootException{depth|short|full} (root cause first)
 * %marker  %kvp{DOUBLE|SINGLE|NONE}  %sn %sequenceNumber  %r %relative (ms since the run started)
 * %micros %ms (the microseconds within the millisecond, 3 digits)
 * %caller{depth}  %C %class{length}  %M %method  %F %file  %L %line (from the caller frame, when captured)
 * %highlight(..) %black(..) %red(..) %green(..) %yellow(..) %blue(..) %magenta(..) %cyan(..)
 * %white(..) %gray(..) %boldRed(..) ... %boldWhite(..)   %replace(..){regex, replacement}
 * %store  %run
 * </pre>
 * Colors are logback's bytes: a color ends with {@code ESC[0;39m}, {@code %gray} is bold black, and
 * {@code %highlight} shows DEBUG and TRACE in the default color.
 * Not thread-safe.
 */
final class Conversions {
    private static final String DEFAULT_DATE = "yyyy-MM-dd HH:mm:ss,SSS";
    private static final String STRICT_DATE = "yyyy-MM-dd'T'HH:mm:ss,SSS";
    /** logback's ANSIConstants: the reset back to the default color, and the default color. */
    private static final String RESET = "\u001b[0;39m";
    private static final String DEFAULT_COLOR = "\u001b[39m";

    private final LayoutContext context;
    private boolean handlesThrowable;

    Conversions(LayoutContext context) {
        this.context = context;
    }

    /** True when the pattern has a conversion of the exception (or {@code %nopex}). */
    boolean handlesThrowable() {
        return handlesThrowable;
    }

    PatternNode node(String word, FormatInfo format, List<String> options) {
        switch (word) {
            case "d": case "date":
                return new PatternNode.Date(format, date(options));
            case "p": case "le": case "level":
                return plain(format, h -> h.level().name());
            case "t": case "thread":
                return plain(format, h -> h.thread());
            case "c": case "lo": case "logger": {
                if (options.isEmpty()) {
                    return plain(format, h -> h.logger());
                }
                LoggerAbbreviator abbreviator = new LoggerAbbreviator(number(word, options.get(0)));
                return plain(format, h -> abbreviator.abbreviate(h.logger()));
            }
            case "m": case "msg": case "message":
                // unpadded, the message is formatted straight into the line
                boolean indent = context.indentContinuationLines();
                return format.isNone() ? new PatternNode.Message(indent) : new PatternNode.Conversion(format,
                        indent ? h -> ContinuationLines.indent(message(h)) : Conversions::message, true, false);
            case "n":
                return new PatternNode.Conversion(format, h -> context.lineSeparator(), false, true);
            case "X": case "mdc":
                return plain(format, mdc(options));
            case "ex": case "exception": case "throwable":
            case "xEx": case "xException": case "xThrowable": {
                handlesThrowable = true;
                int depth = throwableDepth(word, options);
                if (depth == Integer.MAX_VALUE) {
                    return stackTrace(format, h -> h.event().throwableText());
                }
                String ls = context.lineSeparator();
                return stackTrace(format, h -> StackTraces.limit(h.event().throwable(), depth, ls));
            }
            case "rEx": case "rootException": {
                handlesThrowable = true;
                int depth = throwableDepth(word, options);
                String ls = context.lineSeparator();
                return stackTrace(format, h -> StackTraces.rootCauseFirst(h.event().throwable(), depth, ls));
            }
            case "nopex": case "nopexception":
                handlesThrowable = true;
                return new PatternNode.Literal("");
            case "marker":
                return plain(format, h -> String.join(" ", h.event().markers()));
            case "kvp":
                return plain(format, keyValues(options));
            case "micros": case "ms":
                return plain(format, h -> {
                    int micros = (int) Math.floorMod(h.epochNanos() / 1000, 1000L);
                    return micros >= 100 ? Integer.toString(micros) : micros >= 10 ? "0" + micros : "00" + micros;
                });
            case "sn": case "sequenceNumber":
                return plain(format, h -> Long.toString(h.sequence()));
            case "r": case "relative":
                return plain(format, Conversions::relative);
            case "caller":
                return new PatternNode.Conversion(format, caller(options), true, false);
            case "C": case "class": {
                if (options.isEmpty()) {
                    return plain(format, h -> CallerFrame.of(h.event()).className());
                }
                LoggerAbbreviator abbreviator = new LoggerAbbreviator(number(word, options.get(0)));
                return plain(format, h -> abbreviator.abbreviate(CallerFrame.of(h.event()).className()));
            }
            case "M": case "method":
                return plain(format, h -> CallerFrame.of(h.event()).method());
            case "F": case "file":
                return plain(format, h -> CallerFrame.of(h.event()).file());
            case "L": case "line":
                return plain(format, h -> CallerFrame.of(h.event()).line());
            case "store":
                return plain(format, h -> h.store().label());
            case "run":
                return plain(format, h -> h.event().run() == null ? "?" : h.event().run().id());
            case "contextName": case "cn": case "property": case "lsn": case "localSequenceNumber":
            case "prefix": case "maskedMdc":
                throw new IllegalArgumentException("%" + word + " is not kept in a TimberLog store");
            default:
                throw new IllegalArgumentException("unknown conversion word %" + word + " in the pattern");
        }
    }

    PatternNode group(String word, FormatInfo format, List<PatternNode> children, List<String> options) {
        if (word.isEmpty()) {
            return new PatternNode.Group(format, children, null, null, null);
        }
        if (word.equals("replace")) {
            if (options.size() != 2) {
                throw new IllegalArgumentException("%replace needs two options: %replace(...){'regex', 'replacement'}");
            }
            Pattern regex;
            try {
                regex = Pattern.compile(options.get(0));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression in %replace: " + e.getDescription());
            }
            String replacement = options.get(1);
            return new PatternNode.Group(format, children, null, null, s -> regex.matcher(s).replaceAll(replacement));
        }
        if (word.equals("highlight")) {
            return colored(format, children, h -> {
                String color = Ansi.levelColor(h.level());
                return color == null ? DEFAULT_COLOR : color;
            });
        }
        String color = color(word);
        if (color == null) {
            throw new IllegalArgumentException("unknown conversion word %" + word + "(...) in the pattern");
        }
        return colored(format, children, h -> color);
    }

    private PatternNode colored(FormatInfo format, List<PatternNode> children, Function<EventView, String> color) {
        if (!context.ansi().enabled()) {
            return new PatternNode.Group(format, children, null, null, null);
        }
        return new PatternNode.Group(format, children, color, RESET, null);
    }

    private static String color(String word) {
        switch (word) {
            case "black": return Ansi.BLACK;
            case "red": return Ansi.RED;
            case "green": return Ansi.GREEN;
            case "yellow": return Ansi.YELLOW;
            case "blue": return Ansi.BLUE;
            case "magenta": return Ansi.MAGENTA;
            case "cyan": return Ansi.CYAN;
            case "white": return Ansi.WHITE;
            case "gray": return "\u001b[1;30m";
            case "boldRed": return "\u001b[1;31m";
            case "boldGreen": return "\u001b[1;32m";
            case "boldYellow": return "\u001b[1;33m";
            case "boldBlue": return "\u001b[1;34m";
            case "boldMagenta": return "\u001b[1;35m";
            case "boldCyan": return "\u001b[1;36m";
            case "boldWhite": return "\u001b[1;37m";
            default: return null;
        }
    }

    private static PatternNode plain(FormatInfo format, Function<EventView, String> value) {
        return new PatternNode.Conversion(format, value, false, false);
    }

    private DateText date(List<String> options) {
        String option = options.isEmpty() ? "" : options.get(0);
        String pattern = option.isEmpty() || option.equals("ISO8601") ? DEFAULT_DATE
                : option.equals("STRICT") ? STRICT_DATE : option;
        ZoneId zone = context.zone();
        if (options.size() > 1) {
            try {
                zone = ZoneId.of(options.get(1));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + options.get(1) + "' in %d (put a date "
                        + "pattern that holds a comma in quotes: %d{\"HH:mm:ss,SSS\"})");
            }
        }
        DateTimeFormatter formatter;
        try {
            formatter = DateTimeFormatter.ofPattern(pattern).withZone(zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid date pattern '" + pattern + "' in %d: " + e.getMessage());
        }
        return new DateText(formatter, pattern);
    }

    private static Function<EventView, String> mdc(List<String> options) {
        if (options.isEmpty() || options.get(0).isEmpty()) {
            return h -> {
                StringBuilder sb = new StringBuilder();
                for (Map.Entry<String, String> e : h.event().mdc().entrySet()) {
                    if (sb.length() > 0) {
                        sb.append(", ");
                    }
                    sb.append(e.getKey()).append('=').append(e.getValue());
                }
                return sb.toString();
            };
        }
        String option = options.get(0);
        int cut = option.indexOf(":-");
        String key = cut < 0 ? option : option.substring(0, cut);
        String fallback = cut < 0 ? "" : option.substring(cut + 2);
        return h -> {
            String v = h.event().mdc().get(key);
            return v == null ? fallback : v;
        };
    }

    /** {@code %kvp{DOUBLE|SINGLE|NONE}}: {@code key="value"} pairs, with the quotes the option names. */
    private static Function<EventView, String> keyValues(List<String> options) {
        String style = options.isEmpty() || options.get(0).isEmpty() ? "DOUBLE" : options.get(0);
        String quote;
        switch (style) {
            case "DOUBLE": quote = "\""; break;
            case "SINGLE": quote = "'"; break;
            case "NONE": quote = ""; break;
            default:
                throw new IllegalArgumentException("%kvp takes DOUBLE, SINGLE or NONE, not '" + style + "'");
        }
        return h -> {
            StringBuilder sb = new StringBuilder();
            for (KeyValue kv : h.event().keyValues()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(kv.key()).append('=').append(quote).append(kv.value().text()).append(quote);
            }
            return sb.toString();
        };
    }

    private static String relative(EventView h) {
        RunInfo run = h.event().run();
        return run == null ? "?" : Long.toString((h.epochNanos() - run.startEpochNanos()) / 1_000_000L);
    }

    /** The stack trace {@code text} prints of an event with an exception; nothing for one without. */
    private PatternNode stackTrace(FormatInfo format, Function<EventView, String> text) {
        boolean indent = context.indentContinuationLines();
        return new PatternNode.Conversion(format, h -> !h.hasThrowable() ? ""
                : indent ? ContinuationLines.indentStackTrace(text.apply(h)) : text.apply(h), true, false);
    }

    private static String message(EventView h) {
        StringBuilder sb = new StringBuilder();
        h.appendMessage(sb);
        return sb.toString();
    }

    private Function<EventView, String> caller(List<String> options) {
        int depth = options.isEmpty() ? 5 : number("caller", options.get(0));
        String ls = context.lineSeparator();
        return h -> {
            List<String> frames = h.event().callerFrames();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(depth, frames.size()); i++) {
                sb.append("Caller+").append(i).append("\t at ").append(frames.get(i)).append(ls);
            }
            return sb.toString();
        };
    }

    private static int throwableDepth(String word, List<String> options) {
        if (options.isEmpty() || options.get(0).equals("full")) {
            return Integer.MAX_VALUE;
        }
        if (options.get(0).equals("short")) {
            return 1;
        }
        return number(word, options.get(0));
    }

    private static int number(String word, String option) {
        try {
            int n = Integer.parseInt(option.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("%" + word + " takes a number, not '" + option + "'");
    }

    /** The parts of a caller frame such as {@code com.acme.Orders.place(Orders.java:42)}, "?" where unknown. */
    private static final class CallerFrame {
        private static final CallerFrame UNKNOWN = new CallerFrame("?", "?", "?", "?");
        private final String className;
        private final String method;
        private final String file;
        private final String line;

        private CallerFrame(String className, String method, String file, String line) {
            this.className = className;
            this.method = method;
            this.file = file;
            this.line = line;
        }

        static CallerFrame of(LogEvent e) {
            if (e.callerFrames().isEmpty()) {
                return UNKNOWN;
            }
            String frame = e.callerFrames().get(0);
            int paren = frame.indexOf('(');
            String qualified = paren < 0 ? frame : frame.substring(0, paren);
            int dot = qualified.lastIndexOf('.');
            String className = dot < 0 ? "?" : qualified.substring(0, dot);
            String method = dot < 0 ? qualified : qualified.substring(dot + 1);
            String file = "?";
            String line = "?";
            if (paren >= 0 && frame.endsWith(")")) {
                String location = frame.substring(paren + 1, frame.length() - 1);
                int colon = location.lastIndexOf(':');
                file = colon < 0 ? location : location.substring(0, colon);
                line = colon < 0 ? "?" : location.substring(colon + 1);
            }
            return new CallerFrame(className, method, file, line);
        }

        String className() {
            return className;
        }

        String method() {
            return method;
        }

        String file() {
            return file;
        }

        String line() {
            return line;
        }
    }
}
