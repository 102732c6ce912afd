package io.timberlog.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One kill -9 run of one contender.
 *
 * @param acknowledged calls that had returned when the process was killed (both threads)
 * @param lost         acknowledged events missing from the output
 * @param found        events found in the output (acknowledged or not)
 */
public record KillResult(Contender contender, long acknowledged, long lost, long found) {

    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("contender", contender.id());
        p.setProperty("acknowledged", Long.toString(acknowledged));
        p.setProperty("lost", Long.toString(lost));
        p.setProperty("found", Long.toString(found));
        ResultFile.write(file, p);
    }

    public static KillResult read(Path file) throws IOException {
        Properties p = ResultFile.read(file);
        return new KillResult(Contender.byId(p.getProperty("contender")), Long.parseLong(p.getProperty("acknowledged")),
                Long.parseLong(p.getProperty("lost")), Long.parseLong(p.getProperty("found")));
    }
}
