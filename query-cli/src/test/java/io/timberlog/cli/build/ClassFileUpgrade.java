package io.timberlog.cli.build;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A build step of the CLI's jar: rewrites the class files under a package prefix that are older than
 * Java 6 (picocli ships Java 5 class files) as Java 8 class files with stack map frames. Class data
 * sharing cannot archive pre-Java 6 classes ("Pre JDK 6 class not supported by CDS"), so every start
 * of {@code timberlog} loaded and verified picocli's 174 classes anew, with the old type-inferring
 * verifier: about a quarter of its start-up time. The byte code itself is left as it is.
 *
 * <p>Arguments: the jar (rewritten in place) and the prefix of the entries to upgrade ({@code picocli/}).
 */
public final class ClassFileUpgrade {
    private static final int JAVA_6 = 50;

    private ClassFileUpgrade() {
    }

    public static void main(String[] args) throws IOException {
        Path jar = Paths.get(args[0]);
        String prefix = args[1];
        Path upgraded = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int count = 0;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(upgraded))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class")
                        && new ClassReader(bytes).readUnsignedShort(6) < JAVA_6) {
                    bytes = upgrade(bytes, classes);
                    count++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("upgraded " + count + " class files under " + prefix + " in " + jar.getFileName() + " to Java 8");
    }

    /** The class as a Java 8 class file, its frames computed with the jar's classes for the common super types. */
    private static byte[] upgrade(byte[] classFile, ClassLoader classes) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return classes;
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
