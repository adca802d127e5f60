package org.charter.core.judge;

import java.util.List;

import org.charter.core.charter.Clause;

/**
 * A judge: for a user prompt, a response and the clauses to check (chosen by the caller, for example by resolution),
 * a {@link Judgement} with one finding per clause, in the order given. Implementations are thread-safe; a judge
 * that calls a model throws that model's exception (with a one-line message) when it cannot get an answer, never a
 * made-up verdict.
 */
public interface Judge {
    /** A short name for records and panels ({@code embedding}, {@code llm:gpt-4o-mini}, ...). */
    String id();

    Judgement judge(String prompt, String response, List<Clause> clauses);
}
