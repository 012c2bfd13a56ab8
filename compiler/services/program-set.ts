/**
 * The view of a workspace that the editor services need: the compiled programs a
 * file belongs to, every program, file text and parse, and a generation counter for
 * caches. The language server's Workspace implements it; the playground builds one
 * from a CompileResult (`programSetOf`). Services work in offsets; positions are the
 * caller's business.
 */
import { dirname, join, normalize } from 'node:path';
import type { CompileResult, CompiledProgram } from '../project/program.js';
import type { ParsedFile } from '../syntax/index.js';

export interface ProgramSet {
  /** Increases whenever any program is recompiled (cache key). */
  readonly generation: number;
  textOf(path: string): string | undefined;
  /** The latest parse of a file (its current text), if it was compiled. */
  parsedOf(path: string): ParsedFile | undefined;
  /** Programs a file is a member of; the first is the primary one. */
  programsOf(path: string): CompiledProgram[];
  allPrograms(): CompiledProgram[];
}

/** A ProgramSet over one compile result (the playground, tests). */
export function programSetOf(result: CompileResult, generation: number): ProgramSet {
  return {
    generation,
    textOf: (path) => result.files.get(path)?.text,
    parsedOf: (path) => result.parsed.get(path),
    programsOf: (path) => {
      const ps = result.programs.filter((p) => p.checked.files.has(path));
      // prefer a program with a policy, then the one rooted at the file itself (as the server does)
      return ps.sort((a, b) => Number(!!b.checked.policy) - Number(!!a.checked.policy) || Number(b.root === path) - Number(a.root === path) || (a.root < b.root ? -1 : 1));
    },
    allPrograms: () => [...result.programs].sort((a, b) => (a.root < b.root ? -1 : 1)),
  };
}

/** Path of a parameter file as the compiler resolves it. */
export function paramPath(declFile: string, from: string): string {
  return normalize(join(dirname(declFile), from));
}
