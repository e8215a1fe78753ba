package io.stampbox.config;

import java.util.List;

/** A configuration that failed validation, with one message per problem, each naming its field. */
public class ConfigException extends Exception {

    private final List<String> errors;

    public ConfigException(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    /** Messages of the form {@code scanner.baud: must be one of 1200..921600, got "fast"}. */
    public List<String> errors() {
        return errors;
    }
}
