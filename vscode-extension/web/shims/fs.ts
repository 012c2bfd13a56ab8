/**
 * `node:fs` stub for the browser bundle. The playground compiles through
 * memoryHost only; reaching the real file system is a bug, so every call throws.
 */
function unavailable(name: string): never {
  throw new Error(`node:fs.${name} 在浏览器中不可用（游乐场只使用内存中的文件）`);
}
export function readFileSync(): never { return unavailable('readFileSync'); }
export function readdirSync(): never { return unavailable('readdirSync'); }
export function statSync(): never { return unavailable('statSync'); }
export function existsSync(): boolean { return false; }
export function writeFileSync(): never { return unavailable('writeFileSync'); }
export function mkdirSync(): never { return unavailable('mkdirSync'); }
export default { readFileSync, readdirSync, statSync, existsSync, writeFileSync, mkdirSync };
