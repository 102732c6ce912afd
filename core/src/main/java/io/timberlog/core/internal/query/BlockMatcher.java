package io.timberlog.core.internal.query;

import io.timberlog.core.LogEvent;
import io.timberlog.core.internal.segment.DecodedBlock;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.query.StoreRef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Finds the events of a segment block that pass a filter, in stages that cost more each, each on the
 * events the one before kept: the words of the text filters, looked for in the block's columns
 * ({@link io.timberlog.core.internal.segment.BlockWordScan}); time and level (two small columns);
 * logger, thread and template; arguments; the words of the text filters in each event's template
 * and arguments ({@link WordPrefilter}); the regexes, read by their automata from the template and
 * arguments ({@link MessageScan}); the formatted message, made into a reused buffer without an event,
 * for what is left (text filters, regexes without an automaton). Only the events still in are decoded
 * whole, for the checks that need the whole event, with their messages formatted when the query asks
 * ({@link EventFilter#formatsMessages()}); or, for a query that renders, rendered into text from the
 * block's columns ({@link BlockEventView}) and never decoded whole. Not thread-safe: one per reading
 * thread.
 */
final class BlockMatcher {
    private final EventFilter filter;
    private final WordPrefilter words;
    private final StringBuilder message = new StringBuilder(256);
    private boolean[] kept = new boolean[0];
    /** The formatted messages of the events kept by the message checks, handed on to their events. */
    private String[] messages = new String[0];
    /** True when the message checks left the formatted messages of the events they kept in {@link #messages}. */
    private boolean messagesFormatted;

    BlockMatcher(EventFilter filter) {
        this.filter = filter;
        this.words = filter.wordPrefilter();
    }

    /**
     * The matching events of {@code block}, in sequence order: rendered into text when {@code context}
     * renders and no check needs the whole event, else whole. {@code store} is the block's store, for
     * the renderers.
     */
    List<PartHit> matches(DecodedBlock block, ReadContext context, StoreRef store) throws SegmentDamageException {
        EventFilter.MessageMatcher matcher = filter.takeMessageMatcher();
        int count;
        try {
            count = keep(block, matcher);
        } finally {
            filter.giveBack(matcher);
        }
        if (count == 0) {
            return Collections.emptyList();
        }
        int n = block.eventCount();
        int newestOnly = context.newestOnly();
        if (newestOnly > 0 && count > newestOnly && !filter.hasDetailChecks()) {
            count = keepNewest(block, n, newestOnly);
        }
        if (context.renders() && store != null && !filter.hasDetailChecks()) {
            return render(block, context, store);
        }
        boolean formatted = messagesFormatted;
        if (filter.formatsMessages()) {
            formatKeptMessages(block, n, formatted);
            formatted = true;
        }
        List<PartHit> out = new ArrayList<>(count);
        for (LogEvent e : block.events(count == n ? null : kept, formatted ? messages : null)) {
            if (filter.acceptsDetails(e)) {
                out.add(PartHit.of(e));
            }
        }
        return out;
    }

    /**
     * Marks in {@link #kept} the events of {@code block} that pass every check but those on the whole
     * event, and returns how many; the messages the message checks formatted are in {@link #messages}
     * ({@link #messagesFormatted}).
     */
    private int keep(DecodedBlock block, EventFilter.MessageMatcher matcher) throws SegmentDamageException {
        messagesFormatted = false;
        if (words != null && !words.mayMatchBlock(block)) {
            return 0;
        }
        int n = block.eventCount();
        if (kept.length < n) {
            kept = new boolean[n];
        }
        int count = 0;
        if (filter.hasLevelOrTimeChecks()) {
            for (int i = 0; i < n; i++) {
                kept[i] = filter.acceptsLevelAndTime(block.level(i).code(), block.epochNanos(i));
                count += kept[i] ? 1 : 0;
            }
        } else {
            Arrays.fill(kept, 0, n, true); // no column to decode for the events that a later stage rules out
            count = n;
        }
        if (count > 0 && filter.hasNameChecks()) {
            count = checkNames(block, n);
        }
        if (count > 0 && filter.hasArgumentChecks()) {
            for (int i = 0; i < n; i++) {
                if (kept[i] && !filter.acceptsArguments(block.arguments(i))) {
                    kept[i] = false;
                    count--;
                }
            }
        }
        boolean formatted = count > 0 && filter.hasMessageChecks();
        if (formatted) {
            if (messages.length < n) {
                messages = new String[n];
            }
            WordPrefilter eventWords = matcher.automataDecide() ? null : words;
            for (int i = 0; i < n; i++) {
                messages[i] = null;
                if (!kept[i]) {
                    continue;
                }
                MessageScan.Verdict verdict = eventWords != null && !eventWords.mayMatch(block, i)
                        ? MessageScan.Verdict.NO_MATCH : matcher.test(block, i);
                if (verdict == MessageScan.Verdict.UNSURE) {
                    message.setLength(0);
                    block.appendMessage(i, message);
                    if (matcher.accepts(message)) {
                        messages[i] = message.toString();
                    } else {
                        verdict = MessageScan.Verdict.NO_MATCH;
                    }
                }
                if (verdict == MessageScan.Verdict.NO_MATCH) {
                    kept[i] = false;
                    count--;
                }
            }
        }
        messagesFormatted = formatted;
        return count;
    }

    /**
     * Keeps only the newest {@code limit} of the kept events that are of the runs the query reads: a
     * query for the last events of a store takes no more from one block (a {@code -n 10} renders ten
     * lines of its newest block, not four thousand). Only when no check on the whole event is left.
     * Returns how many are kept.
     */
    private int keepNewest(DecodedBlock block, int n, int limit) throws SegmentDamageException {
        int taken = 0;
        for (int i = n - 1; i >= 0; i--) {
            if (kept[i]) {
                kept[i] = taken < limit && (!filter.checksRun() || filter.acceptsRun(block.run(i)));
                taken += kept[i] ? 1 : 0;
            }
        }
        return taken;
    }

    /** Renders the kept events of the runs the query reads into the block's text. */
    private List<PartHit> render(DecodedBlock block, ReadContext context, StoreRef store) throws SegmentDamageException {
        BlockRenderer renderer = context.takeRenderer();
        try {
            return renderer.render(block, kept, filter, store);
        } finally {
            context.giveBack(renderer);
        }
    }

    /** Formats the messages of the kept events that the message checks did not (or all, when {@code !checked}). */
    private void formatKeptMessages(DecodedBlock block, int n, boolean checked) throws SegmentDamageException {
        if (messages.length < n) {
            messages = new String[n];
        }
        for (int i = 0; i < n; i++) {
            if (!checked) {
                messages[i] = null;
            }
            if (kept[i] && messages[i] == null && !block.hasStoredMessage(i)) {
                message.setLength(0);
                block.appendMessage(i, message);
                messages[i] = message.toString();
            }
        }
    }

    private int checkNames(DecodedBlock block, int n) throws SegmentDamageException {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                kept[i] = filter.acceptsNames(filter.checksLogger() ? block.logger(i) : null,
                        filter.checksThread() ? block.thread(i) : null, filter.checksTemplate() ? block.template(i) : null);
                count += kept[i] ? 1 : 0;
            }
        }
        return count;
    }
}
