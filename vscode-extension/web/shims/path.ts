/**
 * Minimal POSIX `node:path` for the browser bundle (the compiler only joins,
 * normalises and splits '/'-separated paths; the playground's files live in memory).
 */
export const sep = '/';
export const delimiter = ':';

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function normalize(p: string): string {
  if (p === '') return '.';
  const abs = isAbsolute(p);
  const trailing = p.endsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  let r = (abs ? '/' : '') + out.join('/');
  if (r === '') r = abs ? '/' : '.';
  if (trailing && r !== '/') r += '/';
  return r;
}

export function join(...parts: string[]): string {
  const ps = parts.filter((x) => x !== '');
  return ps.length ? normalize(ps.join('/')) : '.';
}

export function resolve(...parts: string[]): string {
  let r = '';
  for (let i = parts.length - 1; i >= 0 && !isAbsolute(r); i--) {
    const p = parts[i]!;
    if (p) r = r ? `${p}/${r}` : p;
  }
  if (!isAbsolute(r)) r = `/${r}`;
  const n = normalize(r);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

export function dirname(p: string): string {
  if (p === '') return '.';
  const s = p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
  const i = s.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return s.slice(0, i);
}

export function basename(p: string, ext?: string): string {
  const s = p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
  let b = s.slice(s.lastIndexOf('/') + 1);
  if (ext && b.endsWith(ext) && b !== ext) b = b.slice(0, -ext.length);
  return b;
}

export function extname(p: string): string {
  const b = basename(p);
  const i = b.lastIndexOf('.');
  return i <= 0 ? '' : b.slice(i);
}

export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export const posix = { sep, delimiter, isAbsolute, normalize, join, resolve, dirname, basename, extname, relative };
export default posix;
