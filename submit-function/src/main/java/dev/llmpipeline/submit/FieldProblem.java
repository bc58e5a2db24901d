package dev.llmpipeline.submit;

/** One thing wrong with a request, as listed in the error's {@code details}. */
public record FieldProblem(String field, String message) {

    /** The problem as one sentence that starts with the field's name. */
    public String describe() {
        return field + ": " + message;
    }
}
