/**
 * One definition of offsets for the CLI and the language server when a file starts with
 * a byte-order mark (issue 14 §9). The file's U+FEFF is part of its text for both:
 * nodeHost keeps it (compiler/project/encoding.ts), the server receives it in the
 * buffer — so `zhengce check --format json` offsets and line/column equal the
 * positions the server publishes (through a real JSON-RPC client, helpers/client.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol';
import { nodeHost } from '../../compiler/project/host.js';
import { LspClient, REPO, cleanupBundle } from './helpers/client.js';
import { runMain } from '../helpers/cli.js';

let dir: string;
let c: LspClient | undefined;
const TEXT = '\ufeff指标 甲：整数 = 未定义名 + 1\n指标 乙：整数 = 未知名称\n';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhengce-bom-'));
  writeFileSync(join(dir, 'bom.zc'), TEXT);
  c = await LspClient.start({ root: dir, initializationOptions: { cliPath: join(REPO, 'bin', 'zhengce.js') } });
}, 60_000);
afterAll(async () => {
  await c?.stop();
  cleanupBundle();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface JsonDiag { code: string; range: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } } }

describe('a file with a byte-order mark', () => {
  it('the node host keeps the BOM: offsets are those of the file', () => {
    const text = nodeHost.readFile(join(dir, 'bom.zc'))!;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toBe(readFileSync(join(dir, 'bom.zc'), 'utf8'));
  });

  it('fmt keeps the byte-order mark (the CLI sees it now, so it is written back, never dropped)', async () => {
    const path = join(dir, 'fmt-bom.zc');
    writeFileSync(path, '\ufeff枚举   甲 { 乙、丙 }\n');
    const r = await runMain(['fmt', path], dir);
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('\ufeff枚举 甲 { 乙、丙 }\n');
  });

  it('CLI (check --format json) and language server report the same positions', async () => {
    const path = join(dir, 'bom.zc');
    const cli = await runMain(['check', '--format', 'json', path], dir);
    const diags = (JSON.parse(cli.out) as { diagnostics: JsonDiag[] }).diagnostics.filter((d) => d.code === 'ZC0401');
    expect(diags).toHaveLength(2);
    // the offsets count the BOM (offset 0)
    expect(diags[0]!.range.start.offset).toBe(TEXT.indexOf('未定义名'));
    expect(diags[0]!.range.start).toEqual({ line: 1, column: TEXT.indexOf('未定义名') + 1, offset: TEXT.indexOf('未定义名') });

    const uri = await c!.open(path, readFileSync(path, 'utf8'));
    const published = (await c!.current(uri)).diagnostics.filter((d: LspDiagnostic) => d.code === 'ZC0401');
    const lineStarts = [0, TEXT.indexOf('\n') + 1];
    const asLsp = (p: JsonDiag['range']['start']) => ({ line: p.line - 1, character: p.offset - lineStarts[p.line - 1]! });
    expect(published.map((d: LspDiagnostic) => d.range)).toEqual(diags.map((d) => ({ start: asLsp(d.range.start), end: asLsp(d.range.end) })));
  }, 60_000);
});
