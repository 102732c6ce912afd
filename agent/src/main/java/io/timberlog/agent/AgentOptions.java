package io.timberlog.agent;

import io.timberlog.core.ProblemListener;
import io.timberlog.core.StoreOptions;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's options, from three places; where one option is given in several, the first of these wins:
 * <ol>
 *   <li>the agent's arguments: {@code -javaagent:timberlog-agent.jar=dir=/var/log/app,fsync=interval}
 *       (comma-separated {@code name=value}; a value cannot contain a comma);</li>
 *   <li>system properties {@code -Dtimberlog.<name>=value}, e.g. {@code -Dtimberlog.maxWalSize=64m};</li>
 *   <li>environment variables {@code TIMBERLOG_<NAME>}, the name in upper case with underscores
 *       between words, e.g. {@code TIMBERLOG_DIR}, {@code TIMBERLOG_MAX_WAL_SIZE}.</li>
 * </ol>
 * The names and values are those of {@link StoreOptions.Builder#set}, as for the appenders. An unknown
 * name in the agent's arguments is an error; among system properties and environment variables, which
 * other tools share, it is ignored. Without {@code dir}, the store is {@link #defaultDirectory}.
 */
final class AgentOptions {
    static final String PROPERTY_PREFIX = "timberlog.";
    static final String ENVIRONMENT_PREFIX = "TIMBERLOG_";

    private AgentOptions() {
    }

    /**
     * @throws IllegalArgumentException naming the option and where it came from, when one is wrong
     */
    static StoreOptions parse(String arguments, Properties systemProperties, Map<String, String> environment,
                              String javaCommand, ProblemListener problems) {
        Map<String, Option> options = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (variable.getKey().startsWith(ENVIRONMENT_PREFIX)) {
                String name = variable.getKey().substring(ENVIRONMENT_PREFIX.length());
                put(options, name, variable.getValue(), "environment variable " + variable.getKey(), false);
            }
        }
        for (String property : systemProperties.stringPropertyNames()) {
            if (property.startsWith(PROPERTY_PREFIX)) {
                String name = property.substring(PROPERTY_PREFIX.length());
                put(options, name, systemProperties.getProperty(property), "system property " + property, false);
            }
        }
        if (arguments != null) {
            for (String argument : arguments.split(",")) {
                if (argument.trim().isEmpty()) {
                    continue;
                }
                int eq = argument.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("agent argument '" + argument.trim() + "' is not name=value");
                }
                String name = argument.substring(0, eq).trim();
                put(options, name, argument.substring(eq + 1), "agent argument " + name, true);
            }
        }
        StoreOptions.Builder builder = StoreOptions.builder(defaultDirectory(systemProperties, javaCommand))
                .problemListener(problems);
        for (Option option : options.values()) {
            boolean known;
            try {
                known = builder.set(option.key, option.value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option.source + ": " + e.getMessage(), e);
            }
            if (!known && option.strict) {
                throw new IllegalArgumentException(option.source + ": no such option");
            }
        }
        return builder.build();
    }

    /** Later sources replace earlier ones: the map ends up holding the winner of each option. */
    private static void put(Map<String, Option> options, String name, String value, String source, boolean strict) {
        String key = key(name);
        options.put(key, new Option(key, value, source, strict));
    }

    /** {@code MAX_WAL_SIZE}, {@code maxWalSize} and {@code max-wal-size} are one option. */
    static String key(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Where the store is when no {@code dir} is given: {@code <java.io.tmpdir>/timberlog-<user>/<application>},
     * the application being the main class ({@code com.example.Main}) or the jar's file name without
     * {@code .jar} ({@code orders-1.2} for {@code java -jar orders-1.2.jar}), as the JVM was started.
     * Several JVMs of one application share it: the first writes the store, the others per-process
     * stores beside it ({@code fallback/pid-<pid>}).
     */
    static Path defaultDirectory(Properties systemProperties, String javaCommand) {
        String user = sanitize(systemProperties.getProperty("user.name", ""), "user");
        return Paths.get(systemProperties.getProperty("java.io.tmpdir", "/tmp"), "timberlog-" + user,
                applicationName(javaCommand));
    }

    /** The application's name from the JVM's {@code sun.java.command}: its first word, a class or a jar. */
    static String applicationName(String javaCommand) {
        String command = javaCommand == null ? "" : javaCommand.trim();
        int space = command.indexOf(' ');
        String main = space < 0 ? command : command.substring(0, space);
        if (main.endsWith(".jar")) {
            main = Paths.get(main).getFileName().toString();
            main = main.substring(0, main.length() - ".jar".length());
        } else if (main.indexOf('/') >= 0) {
            main = main.substring(main.lastIndexOf('/') + 1); // module/class
        }
        return sanitize(main, "java");
    }

    /**
     * {@code text} as one safe path element: other characters than letters, digits, {@code .}, {@code _}
     * and {@code -} become {@code _}, and only dots (or nothing) is {@code fallback}. A plain loop: this
     * runs at every start, before the application, where a regular expression costs milliseconds.
     */
    private static String sanitize(String text, String fallback) {
        StringBuilder clean = new StringBuilder(text.length());
        boolean onlyDots = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean safe = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-';
            clean.append(safe ? c : '_');
            onlyDots &= c == '.';
        }
        return onlyDots ? fallback : clean.toString();
    }

    private static final class Option {
        final String key;
        final String value;
        final String source;
        final boolean strict;

        Option(String key, String value, String source, boolean strict) {
            this.key = key;
            this.value = value;
            this.source = source;
            this.strict = strict;
        }
    }
}
