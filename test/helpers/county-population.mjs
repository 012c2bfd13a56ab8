// A seeded synthetic population of county households (policies/luanchuan's input shape: 家庭 with
// 夫妻 and 子女 lists, and the 婴幼儿 of the household), for the --population tests and the diff
// benchmark. Not an estimate of the county: only a varied input (children 0–4, twins, births
// around 施行日, residence in or out of the county). Deterministic for a seed (mulberry32).
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (d) => d.toISOString().slice(0, 10);

/** `n` households as JSON objects; every date is on or before `date` (YYYY-MM-DD). */
export function countyPopulation(n, seed, date = '2024-06-01') {
  const r = mulberry32(seed);
  const end = Date.parse(date);
  const day = 86400000;
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const 户籍 = () => (r() < 0.85 ? '栾川县' : '县外');
    const 夫妻 = Array.from({ length: r() < 0.9 ? 2 : 1 }, () => ({ 户籍: 户籍() }));
    const k = pick([0, 1, 1, 2, 2, 2, 3, 3, 4]);
    const 子女 = [];
    let t = end - Math.floor(r() * 12 * 365) * day;
    for (let j = 0; j < k && t <= end; j++) {
      const born = t;
      const twins = r() < 0.05 && j < k - 1;
      子女.push({ 出生日期: iso(new Date(born)), 同胎序号: 1, 户籍: 户籍() });
      if (twins) {
        子女.push({ 出生日期: iso(new Date(born)), 同胎序号: 2, 户籍: 户籍() });
        j++;
      }
      t = born + (300 + Math.floor(r() * 4 * 365)) * day;
    }
    const youngest = 子女.length ? 子女.reduce((a, b) => (a.出生日期 > b.出生日期 ? a : b)) : undefined;
    const row = { 家庭: { 夫妻, 子女 } };
    if (youngest && Date.parse(youngest.出生日期) > end - 3 * 365 * day) row.婴幼儿 = { 出生日期: youngest.出生日期, 户籍: youngest.户籍 };
    rows.push(row);
  }
  return rows;
}
