/**
 * A diagnostic's help in the LSP: related information at the diagnostic's own range by default (VS
 * Code shows it under the message), or — initializationOptions.helpInMessage, which README's
 * init.lua for neovim sets — the message's second line “提示：…” (neovim 0.7's client shows only the
 * message, in virtual text and float; test/lsp/neovim.test.ts sees it there), not both.
 */
import { describe, expect, it } from 'vitest';
import { toLspDiagnostic, type Positions } from '../../vscode-extension/server/src/convert.js';
import { diag } from '../../compiler/diagnostics/diagnostic.js';

const pos: Positions = { uriOf: (p) => `file://${p}`, rangeOf: (_p, s, e) => ({ start: { line: 0, character: s }, end: { line: 0, character: e } }) };
const d = diag('ZC0403', { file: '/m.zc', start: 3, end: 7 }, '实体“家庭”没有字段“子女人数”', { help: '是否想写“子女数”？' });

describe('a diagnostic’s help', () => {
  it('by default: related information “提示：…” at its range; the message as it is', () => {
    const l = toLspDiagnostic(pos, d)!;
    expect(l.message).toBe('实体“家庭”没有字段“子女人数”');
    expect(l.relatedInformation).toEqual([{ location: { uri: 'file:///m.zc', range: l.range }, message: '提示：是否想写“子女数”？' }]);
  });

  it('helpInMessage: the message’s second line, and no related information for it', () => {
    const l = toLspDiagnostic(pos, d, true)!;
    expect(l.message).toBe('实体“家庭”没有字段“子女人数”\n提示：是否想写“子女数”？');
    expect(l.relatedInformation).toBeUndefined();
    // a diagnostic without help is the same either way
    const plain = diag('ZC0403', { file: '/m.zc', start: 3, end: 7 }, '实体“家庭”没有字段“子女人数”');
    expect(toLspDiagnostic(pos, plain, true)).toEqual(toLspDiagnostic(pos, plain));
  });
});
