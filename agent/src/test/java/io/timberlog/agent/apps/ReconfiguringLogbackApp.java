package io.timberlog.agent.apps;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;

/**
 * An application whose logback is configured again while it runs, as frameworks do: each argument is a
 * step, {@code stop:FILE} as Spring Boot initializes logging (the context stopped, reset, configured
 * from FILE, started) or {@code reset:FILE} as logback's own {@code scan} reloads (reset, configured).
 * Logs "phase P event I" five times before the first step and after each.
 */
public final class ReconfiguringLogbackApp {
    private static final int EVENTS_PER_PHASE = 5;

    private ReconfiguringLogbackApp() {
    }

    public static void main(String[] args) throws Exception {
        Logger logger = LoggerFactory.getLogger("app.reconfigured");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logPhase(logger, 0);
        for (int phase = 1; phase <= args.length; phase++) {
            String[] step = args[phase - 1].split(":", 2);
            if (step[0].equals("stop")) {
                context.stop();
            }
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(new File(step[1]));
            if (step[0].equals("stop")) {
                context.start();
            }
            logPhase(logger, phase);
        }
        context.stop();
    }

    private static void logPhase(Logger logger, int phase) {
        for (int i = 0; i < EVENTS_PER_PHASE; i++) {
            logger.info("phase {} event {}", phase, i);
        }
    }
}
