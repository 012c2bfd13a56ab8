import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, decShift, decToString, parseDecimal } from '../../compiler/common/decimal.js';
import { type NumeralResult, formatChineseNumeral, isNumeralChar, parseNumeral } from '../../compiler/common/numerals.js';

const CJK = /[\u4e00-\u9fff]/u;

/** The value of an accepted numeral as a canonical decimal string (fails the test otherwise). */
function valueOf(text: string): string {
  const r = parseNumeral(text);
  if (!r.ok) throw new Error(`expected “${text}” to parse, got: ${r.message} ${r.help ?? ''}`);
  return decToString(r.value);
}

/** The error of a rejected numeral (fails the test otherwise). */
function errorOf(text: string): { message: string; help?: string } {
  const r = parseNumeral(text);
  if (r.ok) throw new Error(`expected “${text}” to be rejected, got ${decToString(r.value)}`);
  return r;
}

/** Every “…” proposal after 请写作 in a help text. */
function proposals(help: string | undefined): string[] {
  if (help === undefined || !help.includes('请写作')) return [];
  const after = help.slice(help.indexOf('请写作'));
  return Array.from(after.matchAll(/“([^”]*)”/gu), (m) => m[1]!);
}

/** Structural checks on any rejection: one Chinese sentence, help proposals that are themselves accepted. */
function checkError(text: string, r: NumeralResult): void {
  if (r.ok) return;
  expect(r.message.length).toBeGreaterThan(0);
  expect(r.message).toMatch(CJK);
  expect(r.message).not.toMatch(/[\n\r\u2028\u2029]/u); // one line, even for inputs with line breaks
  expect(r.message.replace(/“.*”/u, '')).not.toContain('。'); // one sentence
  for (const p of proposals(r.help)) {
    const again = parseNumeral(p);
    if (!again.ok) throw new Error(`help for “${text}” proposes “${p}”, which is rejected: ${again.message}`);
  }
}

const toFullWidth = (s: string): string =>
  s.replace(/[0-9.]/gu, (c) => (c === '.' ? '．' : String.fromCharCode(c.charCodeAt(0) - 0x30 + 0xff10)));

const FINANCIAL: Record<string, string> = {
  一: '壹', 二: '贰', 三: '叁', 四: '肆', 五: '伍', 六: '陆', 七: '柒', 八: '捌', 九: '玖', 十: '拾', 百: '佰', 千: '仟',
};
const toFinancial = (s: string): string => Array.from(s, (c) => FINANCIAL[c] ?? c).join('');
/** Map a Chinese numeral to the normal form used by the canonical-form invariant. */
const normalise = (s: string): string => {
  const inv = Object.fromEntries(Object.entries(FINANCIAL).map(([k, v]) => [v, k]));
  const out = Array.from(s, (c) => (c === '〇' ? '零' : c === '两' ? '二' : (inv[c] ?? c))).join('');
  return out.startsWith('一十') ? out.slice(1) : out;
};

describe('parseNumeral: accepted forms', () => {
  it.each([
    // Arabic, ASCII and full-width
    ['0', '0'],
    ['7', '7'],
    ['10000', '10000'],
    ['3.6', '3.6'],
    ['1.5', '1.5'],
    ['0.05', '0.05'],
    ['１２', '12'],
    ['３．６', '3.6'],
    ['1．5', '1.5'],
    ['007', '7'], // leading zeros are accepted for Arabic digits
    ['00.50', '0.5'],
    ['10000000000000000', '10000000000000000'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
    // Arabic + multiplier
    ['1万', '10000'],
    ['1.5万', '15000'],
    ['2亿', '200000000'],
    ['1.23456万', '12345.6'],
    ['３万', '30000'],
    ['1万亿', '1000000000000'],
    ['0.5亿', '50000000'],
    // Chinese integers
    ['零', '0'],
    ['〇', '0'],
    ['三', '3'],
    ['十', '10'],
    ['十二', '12'],
    ['一十二', '12'],
    ['一十', '10'],
    ['二十', '20'],
    ['一百', '100'],
    ['一百一十', '110'],
    ['一百零五', '105'],
    ['一百〇五', '105'],
    ['一千零五', '1005'],
    ['一千零五十', '1050'],
    ['一千零一十', '1010'],
    ['一万零一', '10001'],
    ['十万', '100000'],
    ['一十万', '100000'],
    ['二十万', '200000'],
    ['一百二十万三千', '1203000'],
    ['一千万', '10000000'],
    ['一亿', '100000000'],
    ['十亿', '1000000000'],
    ['一亿零五百万', '105000000'],
    ['一亿零一万', '100010000'],
    ['一亿零一十万', '100100000'],
    ['一万亿', '1000000000000'],
    ['十万亿', '10000000000000'],
    ['一亿亿', '10000000000000000'],
    ['九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九', '9999999999999999'],
    // 两
    ['两', '2'],
    ['两百', '200'],
    ['两千', '2000'],
    ['两万', '20000'],
    ['两亿', '200000000'],
    ['两千两百', '2200'],
    ['两万两千', '22000'],
    ['一万两千', '12000'],
    ['两百万', '2000000'],
    ['一亿零两万', '100020000'],
    // financial capitals
    ['壹', '1'],
    ['拾', '10'],
    ['壹拾贰', '12'],
    ['壹佰零伍', '105'],
    ['壹仟贰佰叁拾肆', '1234'],
    ['伍万陆仟柒佰捌拾玖', '56789'],
    ['叁亿零伍佰万', '305000000'],
    ['贰拾万', '200000'],
    // Chinese decimals
    ['三点六', '3.6'],
    ['零点五', '0.5'],
    ['十点五', '10.5'],
    ['一百零一点二五', '101.25'],
    ['三点五零', '3.5'],
    ['三点零五', '3.05'],
    ['三点六万', '36000'],
    ['一点五亿', '150000000'],
    ['二点五万亿', '2500000000000'],
    ['叁点陆', '3.6'],
  ])('%s = %s', (text, expected) => {
    expect(valueOf(text)).toBe(expected);
  });
});

describe('parseNumeral: rejected forms', () => {
  it.each([
    // [text, message fragment, help fragment | undefined]
    ['', '数值为空', undefined],
    // colloquial elisions
    ['一百一', '口语省略写法', '请写作“一百一十”或“110”'],
    ['一千五', '口语省略写法', '“一千五百”或“1500”'],
    ['三万五', '口语省略写法', '“三万五千”或“35000”'],
    ['两万五', '口语省略写法', '“两万五千”或“25000”'],
    ['一亿五', '口语省略写法', '“一亿五千万”或“150000000”'],
    ['一万一千五', '口语省略写法', '“一万一千五百”'],
    ['一百一万', '口语省略写法', '“一百一十万”'],
    ['一百两', '口语省略写法', '“一百二十”或“120”'],
    ['两万两', '口语省略写法', '“两万两千”'],
    ['一百一点五', '口语省略写法', '“一百一十点五”或“一百零一点五”'],
    ['壹佰壹', '口语省略写法', '“壹佰壹拾”'],
    // doubled / misordered / missing units
    ['十十', '重复', undefined],
    ['百百', '重复', undefined],
    ['一百百', '重复', undefined],
    ['一百二百', '重复', undefined],
    ['万万', '重复', undefined],
    ['一万万', '重复', undefined],
    ['一万二万', '重复', undefined],
    ['一十百', '顺序错误', undefined],
    ['一十二百', '顺序错误', undefined],
    ['百', '缺少数字', '“一百”'],
    ['千', '缺少数字', '“一千”'],
    ['万', '缺少数字', '“一万”'],
    ['亿', '缺少数字', '“一亿”'],
    ['一千百', '缺少数字', '“一千一百”'],
    ['一亿万', '缺少数字', undefined],
    // bare 十 inside a number
    ['一百十二', '缺少“一”', '“一百一十二”'],
    ['一万零十', '缺少“一”', '“一万零一十”'],
    // 零 placement
    ['一百零零五', '重复', '“一百零五”'],
    ['零五', '逐位读法', undefined],
    ['一百零', '多余的“零”', '“一百”'],
    ['一百零万', '多余的“零”', '“一百万”'],
    ['一千零五百', '多余的“零”', '“一千五百”'],
    ['一千五十', '缺少占位的“零”', '“一千零五十”'],
    ['一万一百', '缺少占位的“零”', '“一万零一百”'],
    ['一亿五万', '缺少占位的“零”', '“一亿零五万”'],
    ['一百零点五', '多余的“零”', '“一百点五”'],
    // digit runs
    ['五六', '约数', '“56”'],
    ['二〇二四', '逐位读法', '“2024”'],
    ['十五六', '约数', undefined],
    ['一百二三', '约数', undefined],
    // 两 misuse
    ['两十', '“两”不能用在“十”前', '“二十”'],
    ['两十万', '“两”不能用在“十”前', '“二十万”'],
    ['十两', '个位数', '“十二”'],
    ['十两万', '个位数', '“十二万”'],
    ['一千零两', '个位数', '“一千零二”'],
    ['两点五', '个位数', '“二点五”'],
    ['三点两', '两', '“三点二”'],
    // Arabic mixed with Chinese
    ['1百', '混用', '“100”或“一百”'],
    ['3千', '混用', '写作“3000”或“三千”'],
    ['3千万', '混用', '“3000万”或“三千万”'],
    ['1.5千', '混用', '“1500”或“一千五百”'],
    ['1万5', '混用', undefined],
    ['1万5000', '混用', undefined],
    ['三5', '混用', undefined],
    ['3点6', '混用', '“3.6”'],
    ['1亿万', '混用', undefined],
    ['三.六', '小数点', '“三点六”'],
    // decimal points
    ['1.5.3', '多个小数点', undefined],
    ['1..5', '多个小数点', undefined],
    ['三点六点五', '多个小数点', undefined],
    ['.5', '小数点前后', undefined],
    ['5.', '小数点前后', undefined],
    ['点五', '缺少整数部分', '“零点五”'],
    ['点', '缺少整数部分', undefined],
    ['三点', '缺少数字', undefined],
    ['三点一十', '不能带单位', undefined],
    ['一万点五万', '重复', undefined],
    // foreign characters
    ['-5', '不是数字字符', undefined],
    ['+5', '不是数字字符', undefined],
    ['1e5', '不是数字字符', undefined],
    ['1,000', '分隔符', '“1000”'],
    ['1 000', '空白', undefined],
    [' 5', '空白', undefined],
    ['廿', '不是数字字符', undefined],
    ['萬', '不是数字字符', undefined],
  ])('%s is rejected', (text, messagePart, helpPart) => {
    const r = errorOf(text);
    expect(r.message).toMatch(CJK);
    expect(r.message).toContain(messagePart);
    if (helpPart !== undefined) expect(r.help ?? '').toContain(helpPart);
    checkError(text, parseNumeral(text));
  });
});

describe('formatChineseNumeral', () => {
  it.each([
    [0n, '零'],
    [1n, '一'],
    [10n, '十'],
    [12n, '十二'],
    [20n, '二十'],
    [101n, '一百零一'],
    [110n, '一百一十'],
    [1005n, '一千零五'],
    [1010n, '一千零一十'],
    [1050n, '一千零五十'],
    [10001n, '一万零一'],
    [10010n, '一万零一十'],
    [100000n, '十万'],
    [110000n, '十一万'],
    [1203000n, '一百二十万三千'],
    [10000000n, '一千万'],
    [100000000n, '一亿'],
    [100010000n, '一亿零一万'],
    [105000000n, '一亿零五百万'],
    [1000000000n, '十亿'],
    [10n ** 12n, '一万亿'],
    [10n ** 12n + 1n, '一万亿零一'],
    [10n ** 16n, '一亿亿'],
    [10n ** 16n + 10n ** 8n, '一亿零一亿'],
    [9999999999999999n, '九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九'],
  ])('%s → %s', (n, text) => {
    expect(formatChineseNumeral(n)).toBe(text);
    expect(valueOf(text)).toBe(n.toString());
  });

  it('rejects negative input (programmer error)', () => {
    expect(() => formatChineseNumeral(-1n)).toThrow(RangeError);
  });
});

describe('isNumeralChar', () => {
  it.each(Array.from('0９零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟'))('%s is a numeral char', (ch) => {
    expect(isNumeralChar(ch)).toBe(true);
  });
  it.each(['点', '.', '．', '-', 'a', '年', '元', '廿', '萬', '', '一二', ' '])('%j is not a numeral char', (ch) => {
    expect(isNumeralChar(ch)).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Properties

/** Integers built from sparse digit arrays: mostly zeros, so 零 placement is exercised. */
const sparseInt = (maxDigits: number) =>
  fc
    .array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 9 }) }), {
      minLength: 1,
      maxLength: maxDigits,
    })
    .map((ds) => BigInt(ds.join('')));

/** Plain checks instead of `expect` keep the hot loops fast. */
const expectRoundTrip = (n: bigint): void => {
  const text = formatChineseNumeral(n);
  const r = parseNumeral(text);
  if (!r.ok) throw new Error(`${n} → “${text}” rejected: ${r.message}`);
  if (r.value.coeff !== n || r.value.scale !== 0) throw new Error(`${n} → “${text}” → ${decToString(r.value)}`);
};

describe('properties', () => {
  it('round trip n → formatChineseNumeral → parseNumeral over 0…10^12', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), expectRoundTrip), { numRuns: 10000 });
  });

  it('round trip on sparse numbers (many zeros) up to 10^24', () => {
    fc.assert(fc.property(sparseInt(25), expectRoundTrip), { numRuns: 10000 });
  });

  it('round trip on every number below 2·10^4 and around powers of ten', () => {
    for (let n = 0n; n < 20000n; n++) expectRoundTrip(n);
    for (let e = 0n; e <= 24n; e++) for (const d of [-1n, 0n, 1n]) if (10n ** e + d >= 0n) expectRoundTrip(10n ** e + d);
  });

  it('canonical text has no doubled 零, no trailing 零, no leading 一十, only standard characters', () => {
    fc.assert(fc.property(fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 20n }), sparseInt(20).filter((n) => n > 0n)), (n) => {
      const t = formatChineseNumeral(n);
      expect(t).toMatch(/^[零一二三四五六七八九十百千万亿]+$/u);
      expect(t).not.toContain('零零');
      expect(t.endsWith('零')).toBe(false);
      expect(t.startsWith('零')).toBe(false);
      expect(t.startsWith('一十')).toBe(false);
    }), { numRuns: 5000 });
  });

  it('tolerated variants parse to the same value: financial capitals, leading 一十, 〇, 两', () => {
    fc.assert(fc.property(fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 13n }), sparseInt(14).filter((n) => n > 0n)), (n) => {
      const t = formatChineseNumeral(n);
      const expected = n.toString();
      const variants = [toFinancial(t), t.replaceAll('零', '〇')];
      if (t.startsWith('十')) variants.push('一' + t, '壹' + toFinancial(t));
      if (/^二[百千万亿]/u.test(t)) variants.push('两' + t.slice(1));
      for (const v of variants) expect(valueOf(v)).toBe(expected);
    }), { numRuns: 5000 });
  });

  it('Chinese decimals: canonical integer + 点 + digits', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 10n }), digits, (n, ds) => {
      const text = formatChineseNumeral(n) + '点' + ds.map((d) => '零一二三四五六七八九'[d]).join('');
      expect(parseNumeral(text)).toEqual({ ok: true, value: parseDecimal(`${n}.${ds.join('')}`) });
    }), { numRuns: 3000 });
  });

  /** ASCII decimal strings, optionally with leading zeros. */
  const asciiDecimal = fc
    .tuple(fc.stringMatching(/^[0-9]{1,20}$/), fc.option(fc.stringMatching(/^[0-9]{1,10}$/)))
    .map(([i, f]) => (f === null ? i : `${i}.${f}`));

  it('Arabic digits mean what parseDecimal says; full-width and ASCII are equivalent', () => {
    fc.assert(fc.property(asciiDecimal, fc.constantFrom('', '万', '亿', '万亿'), fc.infiniteStream(fc.boolean()), (s, suffix, coins) => {
      const exp = { '': 0, 万: 4, 亿: 8, 万亿: 12 }[suffix];
      const expected: Decimal = decShift(parseDecimal(s)!, exp);
      expect(parseNumeral(s + suffix)).toEqual({ ok: true, value: expected });
      expect(parseNumeral(toFullWidth(s) + suffix)).toEqual({ ok: true, value: expected });
      // any per-character mixture of the two widths
      const it = coins[Symbol.iterator]();
      const mixed = Array.from(s, (c) => (it.next().value ? toFullWidth(c) : c)).join('');
      expect(parseNumeral(mixed + suffix)).toEqual({ ok: true, value: expected });
    }), { numRuns: 5000 });
  });

  it('parseNumeral never throws on arbitrary strings, and errors are Chinese sentences', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => {
      checkError(s, parseNumeral(s));
    }), { numRuns: 10000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
      checkError(s, parseNumeral(s));
    }), { numRuns: 10000 });
  });

  const numeralAlphabet = fc.constantFrom(...Array.from('零〇一二三四五六七八九十百千万亿两点壹贰拾佰仟0１.'));

  it('on random numeral-character strings: never throws, helps are valid, acceptance implies the canonical form', () => {
    fc.assert(fc.property(fc.string({ unit: numeralAlphabet, maxLength: 12 }), (s) => {
      const r = parseNumeral(s);
      checkError(s, r);
      const pureChineseInteger = s !== '' && Array.from(s).every((c) => !'0１.点'.includes(c));
      if (r.ok && pureChineseInteger) {
        expect(r.value.scale).toBe(0);
        expect(normalise(s)).toBe(formatChineseNumeral(r.value.coeff));
      }
    }), { numRuns: 10000 });
  });

  it('acceptance implies the canonical form also for short strings over the core alphabet (exhaustive, length ≤ 4)', () => {
    const alphabet = Array.from('零一二十百千万亿两');
    let strings = [''];
    for (let len = 1; len <= 4; len++) {
      strings = strings.flatMap((p) => alphabet.map((c) => p + c));
      for (const s of strings) {
        const r = parseNumeral(s);
        checkError(s, r);
        if (r.ok) expect(normalise(s)).toBe(formatChineseNumeral(r.value.coeff));
      }
    }
  });
});

// ---------------------------------------------------------------------------
// Exact results. The tables above check message fragments; a mutation run (issue 15) showed
// that whole branches — which separator, which help, the quoting of the input, the style of
// a proposal — could change unseen. Here every field of the result is compared (toStrictEqual:
// a `help` that should be absent must be absent, not undefined).

describe('parseNumeral: exact messages and helps', () => {
  const U = undefined;
  it.each([
    // characters that are not numerals: the offending one is quoted, invisible ones escaped
    ['😀', '“😀”中的“😀”不是数字字符', U], // astral: two UTF-16 units, never a digit
    ['１Ａ', '“１Ａ”中的“Ａ”不是数字字符', U], // full-width letter after the full-width digits
    ['５：', '“５：”中的“：”不是数字字符', U], // U+FF1A, just past ９
    ['-5', '“-5”中的“-”不是数字字符', U],
    ['1\u200b', '“1\\u{200B}”中的“\\u{200B}”不是数字字符', U],
    ['1 000', '“1 000”中含有空白字符', U],
    // long input is cut to 24 characters plus …
    ['12345678901234567890123x', '“12345678901234567890123x”中的“x”不是数字字符', U],
    ['123456789012345678901234x', '“123456789012345678901234…”中的“x”不是数字字符', U],
    // every digit-group separator, with the number it would be
    ['1,000', '“1,000”中不能使用分隔符“,”', '请去掉分隔符，写作“1000”'],
    ['1，000', '“1，000”中不能使用分隔符“，”', '请去掉分隔符，写作“1000”'],
    ['1、000', '“1、000”中不能使用分隔符“、”', '请去掉分隔符，写作“1000”'],
    ["1'000", "“1'000”中不能使用分隔符“'”", '请去掉分隔符，写作“1000”'],
    ['1_000', '“1_000”中不能使用分隔符“_”', '请去掉分隔符，写作“1000”'],
    ['1,x', '“1,x”中不能使用分隔符“,”', U], // without it "1x" is still wrong: no help
    [',', '“,”中不能使用分隔符“,”', U],
    // Arabic digits with Chinese units: both spellings when the value is an integer
    ['10千', '“10千”混用了阿拉伯数字和汉字数字', '请写作“10000”或“一万”'],
    ['3千万亿', '“3千万亿”混用了阿拉伯数字和汉字数字', '请写作“3000万亿”或“三千万亿”'],
    ['3千亿', '“3千亿”混用了阿拉伯数字和汉字数字', '请写作“3000亿”或“三千亿”'],
    ['1.5十', '“1.5十”混用了阿拉伯数字和汉字数字', '请写作“15”或“十五”'],
    ['1.05十', '“1.05十”混用了阿拉伯数字和汉字数字', '请写作“10.5”'], // not an integer: no Chinese spelling
    ['1.千', '“1.千”混用了阿拉伯数字和汉字数字', '请全部使用阿拉伯数字或全部使用汉字数字'], // "1." is no number
    ['10点5', '“10点5”混用了阿拉伯数字和汉字数字', '请写作“10.5”'],
    ['3点6万', '“3点6万”混用了阿拉伯数字和汉字数字', '请写作“3.6万”'],
    ['3点6万亿', '“3点6万亿”混用了阿拉伯数字和汉字数字', '请写作“3.6万亿”'],
    ['1点5千', '“1点5千”混用了阿拉伯数字和汉字数字', '请全部使用阿拉伯数字或全部使用汉字数字'],
    ['1万5', '“1万5”混用了阿拉伯数字和汉字数字', '请全部使用阿拉伯数字或全部使用汉字数字'],
    // financial style: a proposal is written in the style of the input
    ['壹百壹', '“壹百壹”是口语省略写法，数值有歧义', '请写作“壹百壹拾”或“110”'],
    ['拾〇伍', '“拾〇伍”中有多余的“零”', '请写作“壹拾伍”'],
    ['壹仟伍拾', '“壹仟伍拾”缺少占位的“零”', '请写作“壹仟零伍拾”'],
    ['壹百零', '“壹百零”中有多余的“零”', '请写作“壹百”'],
    // 两
    ['一百两十', '“一百两十”中“两”不能用在“十”前', '请写作“一百二十”'],
    ['一亿两万', '“一亿两万”缺少占位的“零”', '请写作“一亿零二万”'], // 两 is fine before 万; the 零 is missing
    ['两万两点五', '“两万两点五”是口语省略写法，数值有歧义', '请写作“两万两千点五”或“两万零二点五”'],
    ['三点两', '“三点两”的小数部分不能用“两”', '请写作“三点二”'],
    // elisions before a decimal point
    ['三万五点五', '“三万五点五”是口语省略写法，数值有歧义', '请写作“三万五千点五”或“三万零五点五”'],
    ['一百一点两', '“一百一点两”是口语省略写法，数值有歧义', U], // neither proposal is valid (两 after 点)
    ['一百一万零', '“一百一万零”是口语省略写法，数值有歧义', U],
    ['一百一万一百', '“一百一万一百”是口语省略写法，数值有歧义', U],
    // points, units and multipliers after 点
    ['点五点六', '“点五点六”中有多个小数点', U],
    ['点', '“点”缺少整数部分', U],
    ['点五', '“点五”缺少整数部分', '请写作“零点五”'],
    ['三点', '“三点”的“点”后缺少数字', U],
    ['三点一十', '“三点一十”的小数部分不能带单位“十”', '小数部分请逐位书写，如“三点六”'],
    ['三点六亿亿', '“三点六亿亿”不是规范的中文数字写法', U],
    ['三点六亿万', '“三点六亿万”不是规范的中文数字写法', U],
    ['三点六万亿亿', '“三点六万亿亿”不是规范的中文数字写法', U],
    ['一万点五万', '“一万点五万”中小数后的“万”与整数部分的单位重复', '请改用阿拉伯数字书写'],
    ['一万点五万亿', '“一万点五万亿”中小数后的“万亿”与整数部分的单位重复', '请改用阿拉伯数字书写'],
    ['三.六', '“三.六”中汉字数字不能与小数点“.”连用', '请写作“三点六”'],
    // units, 零, digit runs
    ['万', '“万”前缺少数字', '请写作“一万”'],
    ['亿', '“亿”前缺少数字', '请写作“一亿”'],
    ['百', '“百”前缺少数字', '请写作“一百”'],
    ['一千百', '“一千百”中“百”前缺少数字', '请写作“一千一百”'],
    ['一亿万', '“一亿万”中“万”前缺少数字', U],
    ['十十', '“十十”中单位“十”重复', U],
    ['一十百', '“一十百”中单位顺序错误，“百”不能在“十”之后', U],
    ['一百十二', '“一百十二”中“十”前缺少“一”', '请写作“一百一十二”'],
    ['零十', '“零十”开头的“零”多余', '请写作“十”'],
    ['一千零百', '“一千零百”中有多余的“零”', U], // without the 零, 百 still lacks its digit
    ['一百零零五', '“一百零零五”中“零”重复', '请写作“一百零五”'],
    ['一千五十点五', '“一千五十点五”缺少占位的“零”', '请写作“一千零五十点五”'], // the fraction is kept
    ['一千五十点两', '“一千五十点两”缺少占位的“零”', U],
    ['一千一十零一', '“一千一十零一”不是规范的中文数字写法', '请写作“一千零一十一”'], // as many 零 as the canonical form, in the wrong place
    ['一百五五', '“一百五五”中数字连写，可能是约数写法，数值有歧义', '请写出确切数值'],
    ['一百五零', '“一百五零”中数字连写，可能是约数写法，数值有歧义', '请写出确切数值'],
    ['零五', '“零五”是逐位读法或约数写法，数值有歧义', '若指5，请写作“5”或“五”'],
    ['十两', '“十两”中“两”不能用作个位数', '请写作“十二”'],
  ] as const)('%s', (text, message, help) => {
    expect(parseNumeral(text)).toStrictEqual(help === undefined ? { ok: false, message } : { ok: false, message, help });
  });
});

describe('formatChineseNumeral: 零 only where a section starts with a gap', () => {
  it.each([
    [11000n, '一万一千'], // the lower section is 1000: no 零
    [10999n, '一万零九百九十九'],
    [110000000n, '一亿一千万'], // below 亿 is 10^7: no 零
    [109999999n, '一亿零九百九十九万九千九百九十九'],
  ])('%s → %s', (n, text) => {
    expect(formatChineseNumeral(n)).toBe(text);
  });

  it('names the negative value it refuses', () => {
    expect(() => formatChineseNumeral(-3n)).toThrow(new RangeError('formatChineseNumeral: negative value -3'));
  });
});
