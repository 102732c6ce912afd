package io.timberlog.agent.apps;

import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * An application whose logged objects log while their text is asked for, knowing nothing of TimberLog:
 * two entities that load themselves the first time (and log their SQL), an exception whose message is
 * looked up the first time (and the lookup logged), and an argument that logs itself whenever the agent
 * renders it. It logs through the framework its argument names ({@code logback}, {@code log4j2} or
 * {@code jul}), "after" last, then prints how often the agent rendered that argument. Under JUL, the
 * logger "app" also has a filter that loads its rules the first time it is asked, and logs that.
 */
public final class NestedLoggingApp {
    private NestedLoggingApp() {
    }

    /** A logging call: a template with {@code {}} placeholders, its arguments, and maybe an exception last. */
    private interface Log {
        void info(String logger, String template, Object... arguments);
    }

    public static void main(String[] args) {
        Log log = args[0].equals("logback") ? new Logback() : args[0].equals("log4j2") ? new Log4j() : new Jul();
        SelfLogging self = new SelfLogging(log);
        log.info("app", "loaded {}", new LazyEntity(log, "Order#7"));
        log.info("app", "loaded {}", "order 8", new LazyEntity(log, "Order#8"));
        log.info("app", "loaded {}", "order 9", new LazyFailure(log));
        log.info("app", "recursive {}", "unshown", self);
        log.info("app", "after");
        System.out.println("renders " + self.renders);
    }

    /** Whether the agent's capture is on the stack. */
    private static boolean capturing() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName).anyMatch(
                name -> name.startsWith("io.timberlog.agent.") && !name.startsWith("io.timberlog.agent.apps.")));
    }

    private static final class LazyEntity {
        private final Log log;
        private final String name;
        private boolean loaded;

        LazyEntity(Log log, String name) {
            this.log = log;
            this.name = name;
        }

        @Override
        public String toString() {
            if (!loaded) {
                loaded = true;
                log.info("org.hibernate.SQL", "select * from {} where id = {}", "orders", 7);
            }
            return name;
        }
    }

    private static final class LazyFailure extends RuntimeException {
        private final LazyEntity lookup;

        LazyFailure(Log log) {
            super(null, null, false, false);
            this.lookup = new LazyEntity(log, "no such order");
        }

        @Override
        public String getMessage() {
            return lookup.toString();
        }
    }

    private static final class SelfLogging {
        private final Log log;
        int renders;

        SelfLogging(Log log) {
            this.log = log;
        }

        @Override
        public String toString() {
            if (capturing() && ++renders <= 1_000) { // bounded, so that a missing bound shows as 1,000 events, not a hang
                log.info("app", "recursive {}", "unshown", this);
            }
            return "self";
        }
    }

    private static final class Logback implements Log {
        @Override
        public void info(String logger, String template, Object... arguments) {
            org.slf4j.LoggerFactory.getLogger(logger).info(template, arguments);
        }
    }

    private static final class Log4j implements Log {
        @Override
        public void info(String logger, String template, Object... arguments) {
            org.apache.logging.log4j.LogManager.getLogger(logger).info(template, arguments);
        }
    }

    /** JUL numbers its placeholders and takes the exception apart from the parameters. */
    private static final class Jul implements Log {
        /** Held: JUL holds its loggers weakly, and a logger collected would come back without its filter. */
        private final java.util.logging.Logger app = java.util.logging.Logger.getLogger("app");
        private boolean rulesLoaded;

        Jul() {
            app.setFilter(record -> {
                if (!rulesLoaded) {
                    rulesLoaded = true;
                    info("app.rules", "rules loaded");
                }
                return true;
            });
        }

        @Override
        public void info(String logger, String template, Object... arguments) {
            String numbered = template;
            for (int i = 0; numbered.contains("{}"); i++) {
                numbered = numbered.replaceFirst("\\{}", "{" + i + "}");
            }
            LogRecord record = new LogRecord(Level.INFO, numbered);
            record.setLoggerName(logger);
            int last = arguments.length - 1;
            if (last >= 0 && arguments[last] instanceof Throwable) {
                record.setThrown((Throwable) arguments[last]);
                arguments = Arrays.copyOf(arguments, last);
            }
            record.setParameters(arguments);
            java.util.logging.Logger.getLogger(logger).log(record);
        }
    }
}
