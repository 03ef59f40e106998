package io.streamsuite.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.streamsuite.kit.config.KitTopics;
import io.streamsuite.kit.config.OutputVersion;
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
    /** The same declarations under a {@code streams-kit.output-version}, e.g. {@code FraudTopics.specs(OutputVersion)}. */
    private static final Pattern VERSIONED_SPEC_METHOD =
            Pattern.compile("public\\s+static\\s+List<TopicSpec>\\s+(\\w+)\\s*\\(\\s*OutputVersion\\s+\\w+\\s*\\)");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

    private DeclaredTopics() {
    }

    static List<TopicSpec> of(ServiceConfig service) {
        List<TopicSpec> topics = new ArrayList<>(serviceTopics(service.module));
        topics.addAll(KitTopics.of(service.applicationId(), service.deadLetterTopic()));
        return topics;
    }

    /**
     * What a second deployment of the service declares under another application id and this output version (the
     * reprocessing recipe): its versioned outputs, its inputs, and the kit's topics for that application id.
     */
    static List<TopicSpec> of(ServiceConfig service, String applicationId, OutputVersion version) {
        List<TopicSpec> topics = new ArrayList<>(serviceTopics(service.module, VERSIONED_SPEC_METHOD, version));
        topics.addAll(KitTopics.of(applicationId, applicationId + ".dlq"));
        return topics;
    }

    private static List<TopicSpec> serviceTopics(String module) {
        return serviceTopics(module, SPEC_METHOD, null);
    }

    /** Calls each matching method with the version as its one argument, or with none when it is null. */
    private static List<TopicSpec> serviceTopics(String module, Pattern specMethod, OutputVersion version) {
        Path sources = Repo.module(module).resolve("src/main/java");
        Path classes = Repo.module(module).resolve("target/classes");
        List<TopicSpec> topics = new ArrayList<>();
        for (Path java : Repo.filesUnder(sources, ".java")) {
            String source = Repo.read(java);
            Matcher method = specMethod.matcher(source);
            while (method.find()) {
                Matcher pkg = PACKAGE.matcher(source);
                String className = (pkg.find() ? pkg.group(1) + "." : "")
                        + java.getFileName().toString().replace(".java", "");
                topics.addAll(call(classes, className, method.group(1), version));
            }
        }
        return topics;
    }

    @SuppressWarnings("unchecked")
    private static List<TopicSpec> call(Path classes, String className, String methodName, OutputVersion version) {
        if (!Files.isDirectory(classes)) {
            fail("No compiled classes at " + classes + ": build the module first (./mvnw -B verify builds it before this one)");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                DeclaredTopics.class.getClassLoader())) {
            Class<?> declaring = Class.forName(className, true, loader);
            Method method = version == null ? declaring.getMethod(methodName)
                    : declaring.getMethod(methodName, OutputVersion.class);
            if (!Modifier.isStatic(method.getModifiers())) {
                fail(className + "." + methodName + "() is not static");
            }
            return (List<TopicSpec>) (version == null ? method.invoke(null) : method.invoke(null, version));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (ReflectiveOperationException | java.io.IOException e) {
            return fail("Cannot call " + className + "." + methodName + "(): " + e);
        }
    }
}
