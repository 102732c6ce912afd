package io.timberlog.agent;

import io.timberlog.agent.bridge.TimberLogBridge;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Weaves the advice into a framework class's bytes, with byte-buddy. Loaded only when the first
 * logging class appears, so that a JVM that does not log pays nothing for byte-buddy. The class keeps
 * its shape (no new fields or methods), so the same weaving serves classes being loaded and classes
 * retransformed after a dynamic attach. Thread-safe.
 */
final class AdviceWeaver {
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
    private final ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(AdviceWeaver.class.getClassLoader());

    byte[] weave(LoggingClass target, ClassLoader loader, byte[] classFile) throws NoSuchMethodException {
        String name = target.binaryName();
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(name).resolve();
        DynamicType.Builder<?> builder = byteBuddy.redefine(type, locator);
        switch (target) {
            case LOGBACK_LOGGER:
                builder = builder.visit(Advice.to(LogbackAdvice.class, agentClasses)
                        .on(named("callAppenders").and(takesArguments(1))));
                break;
            case LOG4J_LOGGER_CONFIG:
                builder = builder.visit(Advice.to(Log4jAdvice.class, agentClasses)
                        .on(named("processLogEvent").and(takesArguments(2))
                                .and(takesArgument(0, named("org.apache.logging.log4j.core.LogEvent")))));
                break;
            case JUL_LOGGER:
                ElementMatcher.Junction<MethodDescription> logRecord = named("log").and(takesArguments(1))
                        .and(takesArgument(0, named("java.util.logging.LogRecord")));
                builder = builder.visit(Advice.to(JulAdvice.class, agentClasses).on(logRecord))
                        .visit(MemberSubstitution.relaxed()
                                .method(named("isLoggable").and(isDeclaredBy(named("java.util.logging.Filter"))))
                                .replaceWith(TimberLogBridge.class.getMethod("julFilter", Filter.class, LogRecord.class))
                                .on(logRecord));
                break;
            default:
                throw new IllegalArgumentException(String.valueOf(target));
        }
        return builder.make(pool).getBytes();
    }
}
