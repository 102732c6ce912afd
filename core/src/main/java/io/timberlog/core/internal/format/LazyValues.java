package io.timberlog.core.internal.format;

import io.timberlog.core.Value;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The arguments of an event read from a segment, made into {@link Value}s only when asked: a query
 * that prints messages (formatted from the block's arrays) never makes them. An event keeps such a
 * list as it is, without a copy, so implementations must be immutable and thread-safe (the block's
 * arrays do not change once decoded; each {@code get} makes an equal value).
 */
public abstract class LazyValues extends AbstractList<Value> implements RandomAccess {
}
