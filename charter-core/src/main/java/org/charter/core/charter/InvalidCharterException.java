package org.charter.core.charter;

import java.util.List;

/** A charter that cannot be accepted, with every problem found (not only the first). */
public final class InvalidCharterException extends IllegalArgumentException {
    private final List<Problem> problems;

    public InvalidCharterException(List<Problem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("an invalid charter needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        if (problems.isEmpty()) return "invalid charter";
        String first = problems.get(0).toString();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more problems)";
    }
}
