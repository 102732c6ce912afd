package io.timberlog.agent;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@code java -jar timberlog-agent.jar attach PID [options]}: loads this agent into the running JVM
 * {@code PID}, which starts capturing without a restart. The options are the agent's
 * ({@code dir=/x,fsync=interval}), as after {@code -javaagent:timberlog-agent.jar=}.
 *
 * <p>Exit codes: {@link #OK} when the agent was loaded; {@link #USAGE_OR_ATTACH_ERROR} with one line on
 * standard error when the arguments are wrong, no JVM has that pid, or the JVM refuses the attach (it
 * runs as another user, was started with {@code -XX:+DisableAttachMechanism}, or is not a HotSpot JVM).
 * The target prints its own problems (an option it rejects) on its standard error. JDK 21 and later
 * print a warning there too unless they were started with {@code -XX:+EnableDynamicAgentLoading}.
 */
public final class AttachMain {
    static final int OK = 0;
    static final int USAGE_OR_ATTACH_ERROR = 2;
    private static final String USAGE = "usage: java -jar timberlog-agent.jar attach PID [name=value,...]";

    private AttachMain() {
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code != OK) {
            System.exit(code);
        }
    }

    static int run(String[] args) {
        if (args.length < 2 || args.length > 3 || !args[0].equals("attach")) {
            return fail(USAGE);
        }
        String pid = args[1];
        if (!pid.matches("[0-9]{1,10}")) {
            return fail("'" + pid + "' is not a process id; " + USAGE);
        }
        if (!ProcessHandle.of(Long.parseLong(pid)).isPresent()) {
            return fail("no process with pid " + pid);
        }
        String options = args.length == 3 ? args[2] : "";
        try {
            Path jar = Paths.get(AttachMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                String running = vm.getSystemProperties().getProperty(Agent.RUNNING_PROPERTY);
                if (running != null) {
                    return fail("the agent already runs in pid " + pid + ", capturing into " + running
                            + "; not loaded again");
                }
                vm.loadAgent(jar.toAbsolutePath().toString(), options);
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            return fail("cannot attach to pid " + pid + " (not a JVM of this user that accepts attach): " + e.getMessage());
        } catch (AgentLoadException | AgentInitializationException e) {
            return fail("pid " + pid + " could not load the agent: " + e.getMessage());
        } catch (IOException e) {
            return fail("attaching to pid " + pid + " failed: " + e.getMessage());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return fail("attaching to pid " + pid + " failed: " + e);
        }
        System.out.println("TimberLog agent loaded into pid " + pid);
        return OK;
    }

    private static int fail(String message) {
        System.err.println("timberlog attach: " + message);
        return USAGE_OR_ATTACH_ERROR;
    }
}
