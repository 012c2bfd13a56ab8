/**
 * The view of a workspace that the editor services need: the compiled programs a
 * file belongs to, every program, file text, and a generation counter for caches.
 * The language server's Workspace implements it; the playground builds one from a
 * CompileResult. Services work in offsets; positions are the caller's business.
 */
import { dirname, join, normalize } from 'node:path';
import type { CompiledProgram } from '../project/program.js';

export interface ProgramSet {
  /** Increases whenever any program is recompiled (cache key). */
  readonly generation: number;
  textOf(path: string): string | undefined;
  programsOf(path: string): CompiledProgram[];
  allPrograms(): CompiledProgram[];
}

/** Path of a parameter file as the compiler resolves it. */
export function paramPath(declFile: string, from: string): string {
  return normalize(join(dirname(declFile), from));
}
