package io.timberlog.logback;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.timberlog.core.ThrowableInfo;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes an exception from logback's {@link IThrowableProxy}, logback's own view of it, rather than
 * from the live throwable: the proxy is what logback prints, so the store prints the same, whatever the
 * logback version.
 * <ul>
 *   <li>the first line is {@code className + ": " + message} (with {@code "null"} for no message), except
 *       that logback 1.5.22 and later print {@code toString()} when the class overrides it
 *       ({@code IThrowableProxy.getOverridingMessage()}, which is looked up, not called directly, as
 *       older versions lack it);</li>
 *   <li>common frames, suppressed exceptions and circular references are as logback found them;</li>
 *   <li>frames carry logback's packaging data ({@code " ~[app.jar:1.0]"}) when the logger context
 *       computes it ({@code <configuration packagingData="true">}), as logback's default exception
 *       converter prints them.</li>
 * </ul>
 * Thread-safe: it holds no state.
 */
final class LogbackThrowables {
    /** {@code IThrowableProxy.getOverridingMessage()}, or {@code null} on logback versions without it. */
    private static final MethodHandle OVERRIDING_MESSAGE = findOverridingMessage();

    private LogbackThrowables() {
    }

    private static MethodHandle findOverridingMessage() {
        try {
            return MethodHandles.publicLookup().findVirtual(IThrowableProxy.class, "getOverridingMessage",
                    MethodType.methodType(String.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    static ThrowableInfo describe(IThrowableProxy proxy) {
        String className = String.valueOf(proxy.getClassName());
        String message = proxy.getMessage();
        if (proxy.isCyclic()) {
            return ThrowableInfo.circularReference(className, message);
        }
        StackTraceElementProxy[] steps = proxy.getStackTraceElementProxyArray();
        int stepCount = steps == null ? 0 : steps.length;
        int common = Math.max(0, Math.min(proxy.getCommonFrames(), stepCount));
        List<String> frames = new ArrayList<>(stepCount - common);
        for (int i = 0; i < stepCount - common; i++) {
            frames.add(frame(steps[i]));
        }
        IThrowableProxy[] suppressedProxies = proxy.getSuppressed();
        List<ThrowableInfo> suppressed = new ArrayList<>(suppressedProxies == null ? 0 : suppressedProxies.length);
        if (suppressedProxies != null) {
            for (IThrowableProxy s : suppressedProxies) {
                if (s != null) {
                    suppressed.add(describe(s));
                }
            }
        }
        IThrowableProxy causeProxy = proxy.getCause();
        ThrowableInfo cause = causeProxy == null ? null : describe(causeProxy);
        return ThrowableInfo.of(className, message, firstLine(proxy, className, message), frames, common, cause,
                suppressed);
    }

    /** The frame as logback prints it after {@code "at "}, with packaging data when it was computed. */
    private static String frame(StackTraceElementProxy step) {
        String text = String.valueOf(step.getStackTraceElement());
        if (step.getClassPackagingData() == null) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 48).append(text);
        ThrowableProxyUtil.subjoinPackagingData(sb, step);
        return sb.toString();
    }

    private static String firstLine(IThrowableProxy proxy, String className, String message) {
        if (OVERRIDING_MESSAGE != null) {
            try {
                String overriding = (String) OVERRIDING_MESSAGE.invokeExact(proxy);
                if (overriding != null) {
                    return overriding;
                }
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // A proxy whose method fails is printed with logback's nominal line.
            }
        }
        return className + ": " + message;
    }
}
