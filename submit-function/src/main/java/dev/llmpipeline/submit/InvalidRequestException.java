package dev.llmpipeline.submit;

import java.util.List;

/** A request that failed validation, with every problem found in it. */
final class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldProblem> problems;

    InvalidRequestException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid request" : problems.get(0).describe());
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
