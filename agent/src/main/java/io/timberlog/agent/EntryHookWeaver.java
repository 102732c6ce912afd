package io.timberlog.agent;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves the calls into the bridge ({@code io.timberlog.agent.bridge.TimberLogBridge}) into a logging
 * class, with the ASM that byte-buddy bundles:
 * <ul>
 *   <li>logback's {@code Logger.callAppenders(ILoggingEvent)} starts with
 *       {@code TimberLogBridge.logback(this, event)};</li>
 *   <li>java.util.logging's {@code Logger.log(LogRecord)} starts with {@code TimberLogBridge.julLog(this,
 *       record)}, and its call of {@code Filter.isLoggable(record)} becomes
 *       {@code TimberLogBridge.julFilter(filter, record, this)}, which asks the filter and passes on its
 *       verdict;</li>
 *   <li>log4j2's {@code LoggerConfig.processLogEvent(LogEvent, LoggerConfigPredicate)} starts with
 *       {@code TimberLogBridge.log4jEnter(this, event, predicate)} and calls
 *       {@code TimberLogBridge.log4jExit()} on every way out: before each return, and in a handler
 *       for any {@code Throwable}, placed last in the exception table so that the method's own
 *       handlers come first, which calls it and throws the exception on;</li>
 *   <li>log4j2's {@code RingBufferLogEvent.setValues(AsyncLogger, ...)}, with which an asynchronous
 *       logger fills in an event on the logging thread, calls {@code TimberLogBridge.log4jEnqueued(
 *       asyncLogger.get(), this)} before each return: the logger's configuration and the complete event.</li>
 * </ul>
 * The bridge methods never throw, so the woven calls need no handler of their own (byte-buddy's
 * {@code Advice} would give the same shape, but loading it costs a JVM about 350 ms of start time).
 * Nothing is added to the class but instructions: no fields, no methods, no local variables, so the
 * same weaving serves a class being loaded and one retransformed after an attach. No frame needs to be
 * computed (that would load classes): the one new branch target, the handler, has a frame without
 * locals. Thread-safe: it holds no state.
 */
final class EntryHookWeaver {
    static final String BRIDGE = "io/timberlog/agent/bridge/TimberLogBridge";
    private static final String LOG4J_PROCESS_LOG_EVENT = "(Lorg/apache/logging/log4j/core/LogEvent;"
            + "Lorg/apache/logging/log4j/core/config/LoggerConfig$LoggerConfigPredicate;)V";
    /** How {@code RingBufferLogEvent.setValues} starts in every log4j2 version; the rest of its parameters vary. */
    private static final String LOG4J_SET_VALUES_START = "(Lorg/apache/logging/log4j/core/async/AsyncLogger;";
    /** The most the woven calls push onto the operand stack. */
    private static final int EXTRA_STACK = 3;

    private EntryHookWeaver() {
    }

    static byte[] weave(LoggingClass target, byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & Opcodes.ACC_STATIC) != 0 || (access & Opcodes.ACC_ABSTRACT) != 0) {
                    return method;
                }
                switch (target) {
                    case LOGBACK_LOGGER:
                        return name.equals("callAppenders") && descriptor.equals("(Lch/qos/logback/classic/spi/ILoggingEvent;)V")
                                ? new EntryCall(method, "logback", 2) : method;
                    case JUL_LOGGER:
                        return name.equals("log") && descriptor.equals("(Ljava/util/logging/LogRecord;)V")
                                ? new JulLog(method) : method;
                    case LOG4J_LOGGER_CONFIG:
                        return name.equals("processLogEvent") && descriptor.equals(LOG4J_PROCESS_LOG_EVENT)
                                ? new Log4jProcess(method) : method;
                    case LOG4J_RING_BUFFER_EVENT:
                        return name.equals("setValues") && descriptor.startsWith(LOG4J_SET_VALUES_START)
                                && descriptor.endsWith(")V") ? new Log4jEnqueued(method) : method;
                    default:
                        return method;
                }
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** Starts the method with a call of a bridge method that takes {@code this} and the first arguments. */
    private static class EntryCall extends MethodVisitor {
        private final String bridgeMethod;
        private final int values;

        EntryCall(MethodVisitor method, String bridgeMethod, int values) {
            super(Opcodes.ASM9, method);
            this.bridgeMethod = bridgeMethod;
            this.values = values;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            StringBuilder descriptor = new StringBuilder("(");
            for (int i = 0; i < values; i++) {
                super.visitVarInsn(Opcodes.ALOAD, i);
                descriptor.append("Ljava/lang/Object;");
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, bridgeMethod, descriptor.append(")V").toString(), false);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + EXTRA_STACK, maxLocals);
        }
    }

    private static final class JulLog extends EntryCall {
        JulLog(MethodVisitor method) {
            super(method, "julLog", 2);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKEINTERFACE && owner.equals("java/util/logging/Filter") && name.equals("isLoggable")
                    && descriptor.equals("(Ljava/util/logging/LogRecord;)Z")) {
                // the same operands (filter, record) and result: the bridge asks the filter itself, and is
                // told the logger too, which it would otherwise have to keep per thread from julLog on,
                // while the filter (the application's code) may log other records on the thread
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "julFilter",
                        "(Ljava/util/logging/Filter;Ljava/util/logging/LogRecord;Ljava/util/logging/Logger;)Z", false);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }

    /**
     * Before each return of {@code setValues}, when the event is complete: hands the bridge the
     * configuration of the logger (its first parameter, which the method never reassigns) and the event.
     */
    private static final class Log4jEnqueued extends MethodVisitor {
        Log4jEnqueued(MethodVisitor method) {
            super(Opcodes.ASM9, method);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.RETURN) {
                super.visitVarInsn(Opcodes.ALOAD, 1);
                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "org/apache/logging/log4j/core/Logger", "get",
                        "()Lorg/apache/logging/log4j/core/config/LoggerConfig;", false);
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "log4jEnqueued",
                        "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + EXTRA_STACK, maxLocals);
        }
    }

    private static final class Log4jProcess extends EntryCall {
        private final Label start = new Label();

        Log4jProcess(MethodVisitor method) {
            super(method, "log4jEnter", 3);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            super.visitLabel(start);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                exitCall();
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            Label end = new Label();
            Label handler = new Label();
            super.visitLabel(end);
            super.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
            super.visitLabel(handler);
            super.visitFrame(Opcodes.F_NEW, 0, new Object[0], 1, new Object[] {"java/lang/Throwable"});
            exitCall();
            super.visitInsn(Opcodes.ATHROW);
            super.visitMaxs(maxStack, maxLocals);
        }

        private void exitCall() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "log4jExit", "()V", false);
        }
    }
}
