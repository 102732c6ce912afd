package io.timberlog.core;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a store is written. Every option but the directory has a default that suits a typical service;
 * {@link Builder#set(String, String)} takes the same options as text, so that the logback appender,
 * the log4j2 plugin and the agent accept the same names and values. Immutable.
 */
public final class StoreOptions {
    /** Smallest accepted {@code maxWalSize}. */
    public static final long MIN_WAL_SIZE = 256 << 10;
    /** Largest accepted {@code maxWalSize}: offsets in a WAL file must fit the writer's 36 bits with room to spare. */
    public static final long MAX_WAL_SIZE = 1L << 30;
    public static final int MIN_EVENT_SIZE = 64 << 10;
    public static final int MAX_EVENT_SIZE = 16 << 20;

    private final Path directory;
    private final long maxWalSize;
    private final FsyncPolicy fsync;
    private final Duration fsyncInterval;
    private final Level forceAtLevel;
    private final Duration maxForceWait;
    private final int maxForcedWaitsPerSecond;
    private final OverloadPolicy overload;
    private final Duration blockTimeout;
    private final int maxEventSize;
    private final ProblemListener problemListener;
    private final long maxTotalSize;
    private final Duration maxAge;
    private final Duration closeConversionTimeout;

    private StoreOptions(Builder b) {
        this.directory = Objects.requireNonNull(b.directory, "directory");
        this.maxWalSize = b.maxWalSize;
        this.fsync = b.fsync;
        this.fsyncInterval = b.fsyncInterval;
        this.forceAtLevel = b.forceAtLevel;
        this.maxForceWait = b.maxForceWait;
        this.maxForcedWaitsPerSecond = b.maxForcedWaitsPerSecond;
        this.overload = b.overload;
        this.blockTimeout = b.blockTimeout;
        this.maxEventSize = (int) Math.min(b.maxEventSize, maxWalSize / 4);
        this.problemListener = b.problemListener;
        this.maxTotalSize = b.maxTotalSize;
        this.maxAge = b.maxAge;
        this.closeConversionTimeout = b.closeConversionTimeout;
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        Builder b = new Builder(directory);
        b.maxWalSize = maxWalSize;
        b.fsync = fsync;
        b.fsyncInterval = fsyncInterval;
        b.forceAtLevel = forceAtLevel;
        b.maxForceWait = maxForceWait;
        b.maxForcedWaitsPerSecond = maxForcedWaitsPerSecond;
        b.overload = overload;
        b.blockTimeout = blockTimeout;
        b.maxEventSize = maxEventSize;
        b.problemListener = problemListener;
        b.maxTotalSize = maxTotalSize;
        b.maxAge = maxAge;
        b.closeConversionTimeout = closeConversionTimeout;
        return b;
    }

    /** The store directory; created (mode 0750) when missing. */
    public Path directory() {
        return directory;
    }

    /** Size at which a WAL file is sealed and the next one takes over (default 64 MiB). */
    public long maxWalSize() {
        return maxWalSize;
    }

    public FsyncPolicy fsync() {
        return fsync;
    }

    public Duration fsyncInterval() {
        return fsyncInterval;
    }

    /**
     * Events at this level or above are forced to disk before their append returns (default ERROR),
     * or {@code null} for none. Forces are shared by events that arrive together, and when more than
     * {@link #maxForcedWaitsPerSecond()} would wait in one second the rest fall back to the interval.
     */
    public Level forceAtLevel() {
        return forceAtLevel;
    }

    /** The longest an append waits for a force (default 1 s); it then returns anyway. */
    public Duration maxForceWait() {
        return maxForceWait;
    }

    public int maxForcedWaitsPerSecond() {
        return maxForcedWaitsPerSecond;
    }

    public OverloadPolicy overload() {
        return overload;
    }

    /** With {@link OverloadPolicy#BLOCK}, the longest an append waits for room (default 1 s). */
    public Duration blockTimeout() {
        return blockTimeout;
    }

    /**
     * Largest encoded event (default 1 MiB, at most a quarter of {@code maxWalSize}); larger events are
     * stored with their longest fields cut, and marked as truncated.
     */
    public int maxEventSize() {
        return maxEventSize;
    }

    public ProblemListener problemListener() {
        return problemListener;
    }

    /**
     * Retention by size (default 2 GiB): when segments and WAL files together take more, the oldest
     * segments are deleted until they fit. 0 turns it off.
     */
    public long maxTotalSize() {
        return maxTotalSize;
    }

    /**
     * Retention by age: segments whose newest event (or file, when that is older: an event stamped in
     * the future keeps nothing) is older are deleted, checked once a minute; {@code null} (the default)
     * keeps them until the size limit needs the room. Deleting by age is the user's decision, as with
     * logback's {@code maxHistory}; the size limit alone keeps the disk from filling.
     */
    public Duration maxAge() {
        return maxAge;
    }

    /**
     * How long {@link LogStore#close} spends converting the last WAL file into a segment (default 1 s);
     * what is not done by then is converted at the next start. Zero leaves it all to the next start.
     */
    public Duration closeConversionTimeout() {
        return closeConversionTimeout;
    }

    /** Builds {@link StoreOptions}; each setter checks its value and names the problem when it is wrong. */
    public static final class Builder {
        private Path directory;
        private long maxWalSize = 64L << 20;
        private FsyncPolicy fsync = FsyncPolicy.INTERVAL;
        private Duration fsyncInterval = Duration.ofSeconds(1);
        private Level forceAtLevel = Level.ERROR;
        private Duration maxForceWait = Duration.ofSeconds(1);
        private int maxForcedWaitsPerSecond = 50;
        private OverloadPolicy overload = OverloadPolicy.BLOCK;
        private Duration blockTimeout = Duration.ofSeconds(1);
        private long maxEventSize = 1 << 20;
        private ProblemListener problemListener = ProblemListener.standardError();
        private long maxTotalSize = 2L << 30;
        private Duration maxAge;
        // An application's stop should not wait long for work that durability does not need (the WAL
        // file is as durable and as readable as a segment): as long as logback's AsyncAppender waits
        // for its queue at most (maxFlushTime, 1 s). What is left is converted at the next start.
        private Duration closeConversionTimeout = Duration.ofSeconds(1);

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public Builder maxWalSize(long bytes) {
            require(bytes >= MIN_WAL_SIZE && bytes <= MAX_WAL_SIZE,
                    "maxWalSize must be between 256KiB and 1GiB, was " + bytes + " bytes");
            this.maxWalSize = bytes;
            return this;
        }

        public Builder fsync(FsyncPolicy policy) {
            this.fsync = Objects.requireNonNull(policy, "fsync");
            return this;
        }

        public Builder fsyncInterval(Duration interval) {
            require(interval != null && interval.toMillis() >= 1 && interval.toHours() < 24,
                    "fsyncInterval must be between 1ms and 24h, was " + interval);
            this.fsyncInterval = interval;
            return this;
        }

        /** {@code null} turns forcing by level off. */
        public Builder forceAtLevel(Level level) {
            this.forceAtLevel = level;
            return this;
        }

        public Builder maxForceWait(Duration wait) {
            require(wait != null && !wait.isNegative() && wait.toSeconds() <= 60,
                    "maxForceWait must be between 0 and 60s, was " + wait);
            this.maxForceWait = wait;
            return this;
        }

        public Builder maxForcedWaitsPerSecond(int n) {
            require(n >= 0, "maxForcedWaitsPerSecond must not be negative, was " + n);
            this.maxForcedWaitsPerSecond = n;
            return this;
        }

        public Builder overload(OverloadPolicy policy) {
            this.overload = Objects.requireNonNull(policy, "overload");
            return this;
        }

        public Builder blockTimeout(Duration timeout) {
            require(timeout != null && !timeout.isNegative() && timeout.toSeconds() <= 60,
                    "blockTimeout must be between 0 and 60s, was " + timeout);
            this.blockTimeout = timeout;
            return this;
        }

        public Builder maxEventSize(long bytes) {
            require(bytes >= MIN_EVENT_SIZE && bytes <= MAX_EVENT_SIZE,
                    "maxEventSize must be between 64KiB and 16MiB, was " + bytes + " bytes");
            this.maxEventSize = bytes;
            return this;
        }

        public Builder problemListener(ProblemListener listener) {
            this.problemListener = Objects.requireNonNull(listener, "problemListener");
            return this;
        }

        /** 0 turns retention by size off. */
        public Builder maxTotalSize(long bytes) {
            require(bytes == 0 || bytes >= MIN_WAL_SIZE, "maxTotalSize must be 0 (off) or at least 256KiB, was "
                    + bytes + " bytes");
            this.maxTotalSize = bytes;
            return this;
        }

        /** {@code null} turns retention by age off. */
        public Builder maxAge(Duration age) {
            require(age == null || age.toMillis() >= 1, "maxAge must be positive, was " + age);
            this.maxAge = age;
            return this;
        }

        public Builder closeConversionTimeout(Duration timeout) {
            require(timeout != null && !timeout.isNegative() && timeout.toMinutes() <= 10,
                    "closeConversionTimeout must be between 0 and 10m, was " + timeout);
            this.closeConversionTimeout = timeout;
            return this;
        }

        /**
         * Sets an option from text, as written in a logging configuration or an agent argument:
         * {@code dir}, {@code maxWalSize}, {@code fsync} (never|interval|always), {@code fsyncInterval},
         * {@code forceAtLevel} (a level or {@code off}), {@code maxForceWait}, {@code onOverload}
         * (block|drop), {@code blockTimeout}, {@code maxEventSize}, {@code maxTotalSize} (a size, or
         * {@code off}), {@code maxAge} (a duration, or {@code off}), {@code closeConversionTimeout}.
         * Names are case-insensitive.
         *
         * @return false when the name is not an option of the core (front-ends may have their own)
         * @throws IllegalArgumentException when the value is not valid for the option
         */
        public boolean set(String name, String value) {
            String v = value == null ? "" : value.trim();
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "dir": case "directory":
                    require(!v.isEmpty(), "dir must not be empty");
                    return assign(() -> directory(Paths.get(v)));
                case "maxwalsize":
                    return assign(() -> maxWalSize(ConfigValues.parseSize(v)));
                case "fsync":
                    return assign(() -> fsync(parseEnum(FsyncPolicy.class, "fsync", v)));
                case "fsyncinterval":
                    return assign(() -> fsyncInterval(ConfigValues.parseDuration(v)));
                case "forceatlevel":
                    if (isOff(v)) {
                        return assign(() -> forceAtLevel(null));
                    }
                    Level level = Level.parse(v);
                    require(level != null, "forceAtLevel must be a level (TRACE..FATAL) or off, was '" + v + "'");
                    return assign(() -> forceAtLevel(level));
                case "maxforcewait":
                    return assign(() -> maxForceWait(ConfigValues.parseDuration(v)));
                case "onoverload": case "overload":
                    return assign(() -> overload(parseEnum(OverloadPolicy.class, "onOverload", v)));
                case "blocktimeout":
                    return assign(() -> blockTimeout(ConfigValues.parseDuration(v)));
                case "maxeventsize":
                    return assign(() -> maxEventSize(ConfigValues.parseSize(v)));
                case "maxtotalsize":
                    return assign(() -> maxTotalSize(isOff(v) ? 0 : ConfigValues.parseSize(v)));
                case "maxage":
                    return assign(() -> maxAge(isOff(v) ? null : ConfigValues.parseDuration(v)));
                case "closeconversiontimeout":
                    return assign(() -> closeConversionTimeout(ConfigValues.parseDuration(v)));
                default:
                    return false;
            }
        }

        private static boolean isOff(String v) {
            return v.equalsIgnoreCase("off") || v.equalsIgnoreCase("none");
        }

        private static boolean assign(Runnable setter) {
            setter.run();
            return true;
        }

        private static <E extends Enum<E>> E parseEnum(Class<E> type, String option, String value) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : "|").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(option + " must be one of " + allowed + ", was '" + value + "'");
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        public StoreOptions build() {
            return new StoreOptions(this);
        }
    }
}
