/**
 * Terminal-safe text, without the renderers: what every command's standard error needs
 * (cli/main.ts) — kept apart from render.ts so a start-up that renders no diagnostic does not
 * load string-width (its Intl.Segmenter and tables cost ~70 ms of CPU per process).
 * Input: untrusted text. Output: the same text with every unsafe character as `<U+XXXX>`.
 * render.ts re-exports these (its callers are unchanged); the conventions are render.ts's.
 */

// ─── safe display of untrusted text ─────────────────────────────────────────

/**
 * Characters never written raw to a terminal: controls (Cc), format characters
 * (Cf, including bidi overrides/isolates and zero-width spaces), lone surrogates,
 * line/paragraph separators and other default-ignorable (invisible) code points.
 */
const UNSAFE_CHAR = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
/** Invisible code points that are kept: variation selectors (they only pick a glyph form). */
export const KEPT_INVISIBLE = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
const EXT_PICT = /\p{Extended_Pictographic}/u;
/** Emoji modifiers (skin tones) and VS16 may sit between a pictograph and a ZWJ. */
const EMOJI_TAIL = /[\uFE0F\u{1F3FB}-\u{1F3FF}]/u;
const ZWJ = 0x200d;

function escapeCodePoint(cp: number): string {
  return `<U+${cp.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * Whether a ZWJ whose preceding code points are `prev` (most recent last) is an
 * emoji joiner. Looks only backwards, so the display of a prefix of a line is
 * always a prefix of the display of the whole line.
 */
function zwjFollowsEmoji(prev: readonly string[]): boolean {
  for (let i = prev.length - 1; i >= 0; i--) {
    const ch = prev[i]!;
    if (EMOJI_TAIL.test(ch)) continue;
    return EXT_PICT.test(ch);
  }
  return false;
}

/** Escape one code point if it is unsafe; `prev` holds the code points before it. */
export function safeChar(ch: string, prev: readonly string[]): string {
  if (!UNSAFE_CHAR.test(ch) || KEPT_INVISIBLE.test(ch)) return ch;
  const cp = ch.codePointAt(0)!;
  if (cp === ZWJ && zwjFollowsEmoji(prev)) return ch;
  return escapeCodePoint(cp);
}

/**
 * Terminal-safe form of text for any text renderer (verify, test, coverage, eval, fmt …):
 * every control, format, bidi or other invisible character becomes `<U+XXXX>` — ESC
 * too, so no text from a policy, a case file or a file name can clear the screen,
 * colour or reorder what is shown — except the line breaks (`\n`) between lines.
 * Idempotent: already-safe text is unchanged.
 */
export function terminalSafe(text: string): string {
  return text.split('\n').map(safeInline).join('\n');
}

/**
 * Terminal-safe form of one line of untrusted text inside a report line: like
 * terminalSafe, and line breaks are escaped too, so a value cannot forge report lines.
 */
export function terminalSafeLine(text: string): string {
  return safeInline(text);
}

/** Terminal-safe form of a message/help/path: every unsafe character (tabs and newlines too) is escaped. */
export function safeInline(text: string): string {
  let out = '';
  const prev: string[] = [];
  for (const ch of text) {
    out += safeChar(ch, prev);
    prev.push(ch);
  }
  return out;
}

/** Multi-line help text: each line made safe separately. */
export function safeLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u2028\u2029]/).map(safeInline);
}

