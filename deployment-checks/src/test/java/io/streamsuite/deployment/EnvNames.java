package io.streamsuite.deployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Which environment variable names a service would silently ignore. */
final class EnvNames {

    private EnvNames() {
    }

    /**
     * Names that bind to no property Spring knows (the kit's streams-kit.*, Boot's own), are read by
     * no placeholder of the service's application.yml and feed no other variable's $(NAME).
     */
    static List<String> unbound(Collection<String> names, ServiceConfig service, Collection<String> helpers) {
        List<String> unbound = new ArrayList<>();
        for (String name : names) {
            boolean bound = service.placeholderNames.contains(name)
                    || helpers.contains(name)
                    || SpringProperties.propertyBoundBy(name).isPresent();
            if (!bound) {
                unbound.add(name);
            }
        }
        return unbound;
    }
}
