/**
 * Fallback peak-memory probe, used by util.mjs when /usr/bin/time is not available:
 *   node test/bench/rss-wrap.mjs <rss-out-file> <script> [args...]
 * runs <script> in this process (as if `node <script> args…`) and, on exit, writes
 * "maxRSS-KB user-seconds system-seconds" (process.resourceUsage()) to <rss-out-file>,
 * the same format util.mjs reads from GNU time.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [rssFile, script, ...rest] = process.argv.slice(2);
if (!rssFile || !script) {
  process.stderr.write('usage: node test/bench/rss-wrap.mjs <rss-out-file> <script> [args...]\n');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(script), ...rest];
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(rssFile, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}`);
});
await import(pathToFileURL(resolve(script)).href);
