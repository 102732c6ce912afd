package io.timberlog.agent;

import io.timberlog.testing.ChildMain;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Child JVMs for the agent's integration tests: the built agent jar, one framework's jars (copied by
 * the build into {@code timberlog.childLibs}), the test applications, and {@link ChildMain}. They run
 * on the JDK named by {@code timberlog.test.java} (Temurin 25 in the build's second run), else on this
 * test's JDK.
 */
final class AgentJvm {
    /** The frameworks of the test applications; each a directory of jars. */
    enum Libs {
        LOGBACK13("logback13"), LOGBACK15("logback15"), LOG4J2("log4j2"),
        /** log4j2 with the LMAX disruptor, for its asynchronous loggers. */
        LOG4J2_ASYNC("log4j2-async"),
        /** SLF4J bound to slf4j-simple, which the agent does not capture, with jul-to-slf4j. */
        SLF4J_SIMPLE("slf4j-simple"), NONE(null);

        private final String dir;

        Libs(String dir) {
            this.dir = dir;
        }

        List<String> jars() {
            if (dir == null) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(Paths.get(System.getProperty("timberlog.childLibs"), dir))) {
                return files.filter(f -> f.toString().endsWith(".jar")).map(Path::toString).sorted()
                        .collect(Collectors.toList());
            } catch (IOException e) {
                throw new IllegalStateException("the build copies the frameworks to timberlog.childLibs", e);
            }
        }
    }

    /** The logging configurations of the test applications (INFO and above, to standard output), unless a test gives its own. */
    private static final List<String> DEFAULT_CONFIGURATIONS = List.of("-Dlogback.configurationFile=app-logback.xml",
            "-Dlog4j2.configurationFile=app-log4j2.xml");

    private AgentJvm() {
    }

    static Path agentJar() {
        return Paths.get(System.getProperty("timberlog.agentJar"));
    }

    static String java() {
        String java = System.getProperty("timberlog.test.java");
        return java != null && !java.isEmpty() ? java : Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The directory or jar a class of the tests' class path was loaded from. */
    static String codeSource(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test applications and {@link ChildMain}, plus {@code extra} entries. */
    static String classPath(List<String> extra) {
        List<String> entries = new ArrayList<>();
        entries.add(codeSource(AgentJvm.class));
        entries.add(codeSource(ChildMain.class));
        entries.addAll(extra);
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Starts {@code main} with the agent ({@code agentArguments} after the {@code =}; no agent when
     * {@code null}), standard output into {@code output} and standard error into {@link #errors}.
     */
    static Process start(String agentArguments, List<String> jvmOptions, String classPath, Path output, Class<?> main,
                         String... args) throws IOException {
        List<String> options = new ArrayList<>();
        options.add("-Xmx256m");
        options.add("-XX:TieredStopAtLevel=1");
        if (agentArguments != null) {
            options.add("-javaagent:" + agentJar() + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
        }
        for (String configuration : DEFAULT_CONFIGURATIONS) {
            String property = configuration.substring(0, configuration.indexOf('=') + 1);
            if (jvmOptions.stream().noneMatch(o -> o.startsWith(property))) {
                options.add(configuration);
            }
        }
        options.addAll(jvmOptions);
        List<String> command = ChildMain.command(java(), options, classPath, main, args);
        return new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors(output).toFile()).start();
    }

    /** Where the standard error of the child writing {@code output} goes. */
    static Path errors(Path output) {
        return output.resolveSibling(output.getFileName() + ".err");
    }

    /** What the child printed: standard output, then standard error. */
    static String printed(Path output) {
        try {
            return Files.readString(output) + Files.readString(errors(output));
        } catch (IOException e) {
            return "(nothing: " + e + ")";
        }
    }
}
