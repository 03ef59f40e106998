package io.streamsuite.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.streamsuite.kit.config.KitTopics;
import io.streamsuite.kit.config.TopicSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every topic a service declares, as the service and the kit declare them in code: the service's
 * {@code public static List<TopicSpec> name()} methods (e.g. {@code FraudTopics.specs()}), called from the
 * module's compiled classes, and the kit's own topics for its application id ({@link KitTopics}).
 */
final class DeclaredTopics {

    private static final Pattern SPEC_METHOD =
            Pattern.compile("public\\s+static\\s+List<TopicSpec>\\s+(\\w+)\\s*\\(\\s*\\)");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

    private DeclaredTopics() {
    }

    static List<TopicSpec> of(ServiceConfig service) {
        List<TopicSpec> topics = new ArrayList<>(serviceTopics(service.module));
        topics.addAll(KitTopics.of(service.applicationId(), service.deadLetterTopic()));
        return topics;
    }

    private static List<TopicSpec> serviceTopics(String module) {
        Path sources = Repo.module(module).resolve("src/main/java");
        Path classes = Repo.module(module).resolve("target/classes");
        List<TopicSpec> topics = new ArrayList<>();
        for (Path java : Repo.filesUnder(sources, ".java")) {
            String source = Repo.read(java);
            Matcher method = SPEC_METHOD.matcher(source);
            while (method.find()) {
                Matcher pkg = PACKAGE.matcher(source);
                String className = (pkg.find() ? pkg.group(1) + "." : "")
                        + java.getFileName().toString().replace(".java", "");
                topics.addAll(call(classes, className, method.group(1)));
            }
        }
        return topics;
    }

    @SuppressWarnings("unchecked")
    private static List<TopicSpec> call(Path classes, String className, String methodName) {
        if (!Files.isDirectory(classes)) {
            fail("No compiled classes at " + classes + ": build the module first (./mvnw -B verify builds it before this one)");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                DeclaredTopics.class.getClassLoader())) {
            Method method = Class.forName(className, true, loader).getMethod(methodName);
            if (!Modifier.isStatic(method.getModifiers())) {
                fail(className + "." + methodName + "() is not static");
            }
            return (List<TopicSpec>) method.invoke(null);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (ReflectiveOperationException | java.io.IOException e) {
            return fail("Cannot call " + className + "." + methodName + "(): " + e);
        }
    }
}
