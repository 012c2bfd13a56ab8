/**
 * Equivalent mutants: mutants no test can kill because the mutated program behaves exactly
 * like the original on every input the code can receive. Each is excluded, with the reason,
 * by a `// Stryker disable next-line <mutator>: <reason>` comment on the line before it:
 *   - in compiler/ sources, the comment is in the file (comment only, no code change);
 *   - in the generated runtime module, test/mutation/prepare.ts inserts it (the runtime text
 *     in ts-runtime.ts stays free of tool comments, and so does every generated evaluator).
 * This list is the one place where they are recorded; prepare.ts checks that every entry
 * still matches exactly one line, and that every `Stryker disable` comment in the mutated
 * compiler files is listed here.
 *
 * Entry: { file, line: exact text of the mutated line (trimmed), mutator, reason }.
 */
export const EQUIVALENT = [];
