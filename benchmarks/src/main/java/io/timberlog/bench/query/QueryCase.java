package io.timberlog.bench.query;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One query of the query part: the {@code timberlog} arguments and the grep/awk command line that
 * finds the same events in the text file.
 *
 * @param timberLogArguments arguments after the launcher, {@link #STORE} standing for the store directory
 * @param textCommand        a bash command, {@link #TEXT} standing for the text file
 */
public record QueryCase(String name, List<String> timberLogArguments, String textCommand) {
    public static final String STORE = "STORE";
    public static final String TEXT = "TEXT";

    /** The four queries over {@code data}. */
    public static List<QueryCase> all(QueryDataset data) {
        // A one-minute window half an hour into the data.
        long from = QueryDataset.START + 30 * 60_000_000_000L;
        Instant fromInstant = Instant.ofEpochSecond(0, from);
        Instant toInstant = fromInstant.plusSeconds(60);
        String fromText = fromInstant.toString().replace('T', ' ').replace("Z", "");
        String toText = toInstant.toString().replace('T', ' ').replace("Z", "");
        // "order N for" as whole words finds what grep -F finds with the space after it: N and no longer number.
        String needle = "order " + data.needle() + " for";
        String regex = "took 1[0-4][0-9][0-9] ms";
        return List.of(
                new QueryCase("one-minute time window",
                        List.of("query", STORE, "--utc", "--since", fromInstant.toString(), "--until", toInstant.toString()),
                        String.format(Locale.ROOT, "awk -v from=%s -v to=%s '{ t = $1 \" \" $2 } t >= from && t < to' %s",
                                ProcessTimer.quote(fromText), ProcessTimer.quote(toText), TEXT)),
                new QueryCase("the ERROR events", List.of("query", STORE, "--level", "ERROR"),
                        "grep -F ' ERROR ' " + TEXT),
                new QueryCase("a value that occurs once", List.of("query", STORE, "--text", needle),
                        "grep -F " + ProcessTimer.quote(needle + " ") + " " + TEXT),
                new QueryCase("full regex scan", List.of("query", STORE, "--grep", regex),
                        "grep -E " + ProcessTimer.quote(regex) + " " + TEXT));
    }

    /** The bash command line of the timberlog side, with the launcher {@code cli}. */
    public String timberLogCommand(String cli, QueryDataset data) {
        StringBuilder command = new StringBuilder(ProcessTimer.quote(cli));
        for (String argument : timberLogArguments) {
            command.append(' ').append(ProcessTimer.quote(argument.equals(STORE) ? data.store().toString() : argument));
        }
        return command.toString();
    }

    public String textCommand(QueryDataset data) {
        return textCommand.replace(TEXT, ProcessTimer.quote(data.text().toString()));
    }
}
