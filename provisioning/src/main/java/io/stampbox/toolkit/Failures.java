package io.stampbox.toolkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How every tool fails: one line {@code <tool>: <what went wrong>} on stderr and the documented exit code
 * ({@link Exit}); the stack trace only with {@code --debug}; with {@code --json} (on a command that has
 * it) also one JSON object on stdout: {@code {"error": "...", "exitCode": N, "details": [...]}}.
 */
public final class Failures {

    static final String DEBUG = "--debug";
    static final String JSON_OPTION = "--json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Failures() {}

    /** A command threw: explain it in one line. */
    static final class OnExecution implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine line, ParseResult parsed) {
            Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            int exit = e instanceof ToolFailure f ? f.exitCode() : Exit.FAILED;
            List<String> details = e instanceof ToolFailure f ? f.details() : List.of();
            report(line, parsed.originalArgs().toArray(String[]::new), describe(e), details, exit, e);
            return exit;
        }
    }

    /** The command line did not parse: say why and where help is, exit 2. */
    static final class OnParameters implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine line = ex.getCommandLine();
            report(line, args, ex.getMessage(), List.of(), Exit.USAGE, ex);
            line.getErr().println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
            return Exit.USAGE;
        }
    }

    private static void report(CommandLine line, String[] args, String message, List<String> details, int exit,
            Throwable e) {
        PrintWriter err = line.getErr();
        err.println(line.getCommandSpec().root().name() + ": " + message);
        details.forEach(err::println);
        if (given(args, DEBUG)) {
            e.printStackTrace(err);
        }
        err.flush();
        if (given(args, JSON_OPTION) && line.getCommandSpec().findOption(JSON_OPTION) != null) {
            ObjectNode error = JSON.createObjectNode().put("error", message).put("exitCode", exit);
            details.forEach(error.putArray("details")::add);
            line.getOut().println(error);
            line.getOut().flush();
        }
    }

    private static boolean given(String[] args, String option) {
        int end = Arrays.asList(args).indexOf("--");
        return Arrays.asList(args).subList(0, end < 0 ? args.length : end).contains(option);
    }

    /** One line for any failure: the message of ours, a file problem in words, else what is known. */
    public static String describe(Throwable e) {
        if (e instanceof ToolFailure) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "cannot be used" : f.getReason());
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        String message = e.getMessage() == null ? "no message" : e.getMessage();
        return "unexpected error: " + message + " (--debug shows where)";
    }
}
