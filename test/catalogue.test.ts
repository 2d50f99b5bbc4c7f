// The catalogues (issue 10): input columns, finding codes and UI labels, each declared once. Integrity tests,
// and acceptance 1: an indicator over an existing quantity is one profile entry; over a new input quantity, one
// column-catalogue entry plus one profile entry — seen in JSON, text, template and `explain`.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { FATAL, FINDINGS, LABELS, fatalMessage, label, type FatalCode, type Lang } from '../src/i18n/messages.js';
import { FatalError, SEVERITY, finding } from '../src/findings.js';
import { spawnSync } from 'node:child_process';
import { assess, localise } from '../src/assess.js';
import { builtInProfile, BUILT_IN } from '../src/profiles/index.js';
import { Profile, type IndicatorDef } from '../src/profiles/schema.js';
import { registerColumn, SCHOOL_COLUMNS } from '../src/map/columns.js';
import { quantityIds } from '../src/quantities.js';
import { renderText } from '../src/render/text.js';
import { renderExplain } from '../src/render/standards.js';
import { renderTemplate } from '../src/render/template.js';
import { SchoolType } from '../src/domain.js';
import type { Report } from '../src/report/schema.js';

const ROOT = join(import.meta.dirname, '..');
const DEMO = join(ROOT, 'fixtures/demo-county.xlsx');
const LANGS: Lang[] = ['zh', 'en'];
const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Every source file under src/, at any depth (check modules live in src/judge/checks/). */
const sourceText = () =>
  readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(ROOT, 'src', f), 'utf8'))
    .join('\n');

// Never called: `npm run typecheck` fails if any of these compiles.
// biome-ignore lint/suspicious/noExportsInTest: exported only so that it is not unused code; typecheck reads it
export function doesNotCompile(): void {
  // @ts-expect-error an unknown finding code
  finding('no-such-code', 'error', {});
  // @ts-expect-error a finding without the params its templates name
  finding('implausible-value', 'error', {}, { params: { perPupil: 1, bound: 'max', limit: 2 } });
  // @ts-expect-error a finding that needs params, given none
  finding('duplicate-column', 'warning', {});
  // @ts-expect-error a severity other than the code's own
  finding('missing-value', 'warning', {});
  // @ts-expect-error an unknown label
  label('zh', 'no.such.label');
  // @ts-expect-error an unknown fatal code
  throw new FatalError('no-such-fatal');
}

describe('finding catalogue', () => {
  it('every code has zh and en words naming the same params', () => {
    expect(Object.keys(FINDINGS.en).sort()).toEqual(Object.keys(FINDINGS.zh).sort());
    for (const [code, zh] of Object.entries(FINDINGS.zh)) {
      const en = FINDINGS.en[code as keyof typeof FINDINGS.en];
      expect(zh.trim(), code).not.toBe('');
      expect(holes(en), code).toEqual(holes(zh));
    }
  });

  it('every code has its severity declared, and only catalogued codes have one', () => {
    expect(Object.keys(SEVERITY).sort()).toEqual(Object.keys(FINDINGS.zh).sort());
  });

  it('every code is emitted somewhere: no dead entries', () => {
    const src = sourceText().replace(/export const FINDINGS[\s\S]*?as const satisfies/, '');
    const unused = Object.keys(FINDINGS.zh).filter((code) => !src.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('an unknown code never prints as itself: localise refuses it', () => {
    const smuggled = { code: 'no-such-code', severity: 'error' } as unknown as Parameters<typeof localise>[0];
    expect(() => localise(smuggled, 'zh')).toThrow('finding code without words: no-such-code');
  });

  it('a finding is put into words in each language, its params filled', () => {
    const f = finding(
      'implausible-value',
      'warning',
      { header: '教学仪器设备值' },
      { value: 9, params: { perPupil: 0.3, bound: 'min', limit: 500, slip: 'wan-yuan-as-yuan' } },
    );
    expect(localise(f, 'zh').message).toBe(
      '生均约 0.3，低于合理下限 500：可能是把万元数填在了以元为单位的表头下（表头可写「教学仪器设备值(万元)」）',
    );
    expect(localise(f, 'en').message).toBe(
      'About 0.3 per pupil, below the plausible 500: probably 万元 figures under a header in 元 (write the header as 教学仪器设备值(万元))',
    );
  });
});

describe('label catalogue', () => {
  it('every label has zh and en words naming the same params', () => {
    expect(Object.keys(LABELS.en).sort()).toEqual(Object.keys(LABELS.zh).sort());
    for (const [key, zh] of Object.entries(LABELS.zh))
      expect(holes(LABELS.en[key as keyof typeof LABELS.en]), key).toEqual(holes(zh));
  });

  it('every label is used: named in the code, or the words of an id the stages produce', () => {
    const src = sourceText().replace(/export const LABELS[\s\S]*?as const satisfies/, '');
    const ids = new Set([...src.matchAll(/'([a-z][\w-]*)'/g)].map((m) => m[1]!));
    // issue 13 (sections): section.<id> and severity.<severity> are looked up by id too.
    const dynamic =
      /^(check\.|reason\.|type_|part\.|coverage\.|slip\.|bound\.|expected\.|table\.|explain\.|section\.|severity\.)(.+)$/;
    const unused = Object.keys(LABELS.zh).filter((k) => {
      if (src.includes(`'${k}'`)) return false;
      const m = dynamic.exec(k);
      return !(m && ids.has(m[2]!));
    });
    expect(unused).toEqual([]);
  });

  it('the ids the built-in profiles and stages produce all have words: school types, scope reasons, parts', () => {
    for (const lang of LANGS) {
      for (const t of SchoolType.options) expect(LABELS[lang]).toHaveProperty([`type_${t}`]);
      for (const p of Object.values(BUILT_IN)) {
        for (const r of p.scope) expect(LABELS[lang]).toHaveProperty([`reason.${r.reason}`]);
        for (const part of p.parts ?? [])
          for (const ch of part.checks) expect(LABELS[lang]).toHaveProperty([`check.${ch}`]);
      }
    }
  });

  it('the ids of a whole demo report have words: checks, reasons, excluded schools', async () => {
    const report = await assess([DEMO]);
    const c = report.counties[0]!;
    const keys = [
      ...c.checks.map((ch) => `check.${ch.id}`),
      ...c.checks.flatMap((ch) => (ch.reason ? [`reason.${ch.reason}`] : [])),
      ...c.excluded.map((e) => `reason.${e.reason}`),
    ];
    expect(keys.length).toBeGreaterThan(7);
    for (const k of keys) expect(LABELS.en, k).toHaveProperty([k]);
  });

  it('acceptance 4: no language ternary in src/render (all words from the catalogues)', () => {
    const dir = join(ROOT, 'src/render');
    // issue 13: src/render/sections/ is a folder; its files are read as well.
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((x) => x.endsWith('.ts'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text, f).not.toContain("lang === 'zh'");
      expect(text, f).not.toContain('zh ?');
    }
    // Nor anywhere else: words are chosen by looking them up, never by a branch on the language.
    expect(sourceText()).not.toMatch(/lang === '(zh|en)'/);
  });
});

describe('fatal catalogue', () => {
  it('every code has zh and en words naming the same params', () => {
    expect(Object.keys(FATAL.en).sort()).toEqual(Object.keys(FATAL.zh).sort());
    for (const [code, zh] of Object.entries(FATAL.zh))
      expect(holes(FATAL.en[code as FatalCode]), code).toEqual(holes(zh));
  });

  it('an unknown code is an internal error, never printed as itself', () => {
    expect(fatalMessage(new FatalError('no-such-fatal' as FatalCode), 'en')).toBe(
      'Internal error: no-such-fatal {} (please report it)',
    );
  });

  it("a binary format for a terminal without -o: the reason in the user's language", () => {
    const e = new FatalError('bad-option', {
      option: '--format xlsx',
      value: 'xlsx',
      reason: 'needs-output',
      ext: '.xlsx',
    });
    expect(fatalMessage(e, 'zh')).toBe('选项 --format xlsx 的值「xlsx」无效：需要同时用 -o 指定输出文件');
    expect(fatalMessage(e, 'en')).toBe('Invalid value "xlsx" for --format xlsx: needs -o FILE.xlsx');
  });

  it("no input file: one line in the user's language, exit 3", () => {
    const cli = join(ROOT, 'bin/balance-check.js');
    const zh = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    expect([zh.status, zh.stderr]).toEqual([3, 'balance-check: 缺少输入文件（见 --help）\n']);
    const en = spawnSync(process.execPath, [cli, '--lang', 'en'], { encoding: 'utf8' });
    expect([en.status, en.stderr]).toEqual([3, 'balance-check: no input file (see --help)\n']);
  });
});

// ---------------------------------------------------------------- acceptance 1

const indicator = (over: Partial<IndicatorDef> & Pick<IndicatorDef, 'id' | 'quantity'>): IndicatorDef => ({
  name: { zh: '测试指标', en: 'Test indicator' },
  short: { zh: '测试', en: 'Test' },
  unit: { zh: '', en: '' },
  per: 100,
  standard: null,
  decimals: 2,
  definition: { zh: '测试。', en: 'Test.' },
  ...over,
});
/** quality-2017 with one more indicator: the one profile entry. */
const withIndicator = (def: IndicatorDef): Profile => {
  const base = builtInProfile('quality-2017');
  return Profile.parse({ ...base, id: 'quality-2017+test', indicators: [...base.indicators, def] });
};
const unitValue = (report: Report, code: string, id: string) =>
  report.counties[0]!.units.find((u) => u.code === code)!.indicators.find((i) => i.id === id)!;
const sheetRows = async (profile: Profile, sheet: string) =>
  XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(await renderTemplate(profile)).Sheets[sheet]!, { header: 1 });

describe('acceptance 1: a new indicator', () => {
  it('over an existing quantity is one profile entry: JSON, text, template and explain show it', async () => {
    const profile = withIndicator(
      indicator({
        id: 'computers_per100_test',
        quantity: 'computers',
        name: { zh: '每百名学生计算机台数', en: 'Computers per 100 pupils' },
        short: { zh: '计算机', en: 'PCs' },
      }),
    );
    const report = await assess([DEMO], { profile });
    const level = report.counties[0]!.levels.find((l) => l.level === 'primary')!;
    expect(level.indicators.map((i) => i.id)).toContain('computers_per100_test');
    const unit = report.counties[0]!.units.find((u) => u.level === 'primary' && u.type === 'primary_school')!;
    expect(unit.indicators.find((i) => i.id === 'computers_per100_test')!.value).toBeGreaterThan(0);
    const text = renderText(report, profile, { color: false });
    expect(text).toContain('每百名学生计算机台数');
    expect(text).toContain('计算机');
    expect((await sheetRows(profile, '学校'))[0]).toContain('计算机台数');
    expect(renderExplain('computers_per100_test', [profile], 'zh')).toContain('公式：计算机台数 ÷ 在校生数 × 100');
    expect(renderExplain('computers_per100_test', [profile], 'en')).toContain('Formula: computers ÷ pupils × 100');
  });

  it('over a new input quantity is one column entry plus one profile entry', async () => {
    // The column entry.
    registerColumn({
      key: 'lab_rooms',
      table: 'schools',
      headers: ['实验室数', '科学实验室数'],
      cell: 'count',
      unit: '间',
      facility: true,
      quantity: 'labRooms',
      words: { zh: '实验室数', en: 'laboratories' },
      note: '科学实验室',
    });
    // The profile entry.
    const profile = withIndicator(
      indicator({
        id: 'labs_per100',
        quantity: 'labRooms',
        name: { zh: '每百名学生实验室数', en: 'Laboratories per 100 pupils' },
        short: { zh: '实验室', en: 'Labs' },
      }),
    );
    expect(quantityIds()).toContain('labRooms');

    // The demo county with a 实验室数 column: 2 rooms on every row.
    const wb = XLSX.read(readFileSync(DEMO));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['学校']!, { header: 1, defval: null });
    const withLabs = rows.map((r, i) => [...r, i === 0 ? '实验室数' : 2]);
    wb.Sheets['学校'] = XLSX.utils.aoa_to_sheet(withLabs);
    const dir = mkdtempSync(join(tmpdir(), 'bc-catalogue-'));
    const path = join(dir, 'labs.xlsx');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));

    const report = await assess([path], { profile });
    const codes = rows.slice(1).map((r) => ({ code: String(r[1]), type: r[3], students: Number(r[8]) }));
    const single = codes.find((r) => r.type === '小学')!;
    expect(unitValue(report, single.code, 'labs_per100').value).toBeCloseTo((2 * 100) / single.students, 10);
    expect(report.counties[0]!.levels[0]!.indicators.find((i) => i.id === 'labs_per100')!.cv).not.toBeNull();
    const text = renderText(report, profile, { color: false });
    expect(text).toContain('每百名学生实验室数');
    expect(text).toContain('实验室');
    const english = renderText(await assess([path], { profile, lang: 'en' }), profile, { color: false });
    expect(english).toContain('Laboratories per 100 pupils');

    // The template writes the column and notes it; explain says the formula in words.
    expect((await sheetRows(profile, '学校'))[0]).toContain('实验室数');
    expect(await sheetRows(profile, '说明')).toContainEqual([
      '学校',
      '实验室数',
      'lab_rooms',
      '间',
      '整数',
      '',
      '科学实验室',
    ]);
    expect(renderExplain('labs_per100', [profile], 'zh')).toContain('公式：实验室数 ÷ 在校生数 × 100');
    expect(renderExplain('labs_per100', [profile], 'en')).toContain('Formula: laboratories ÷ pupils × 100');

    // The file without the column: the profile's need becomes a missing-column error naming the header.
    const missing = await assess([DEMO], { profile });
    expect(missing.exitCode).toBe(2);
    expect(missing.findings.find((f) => f.code === 'missing-column')!.message).toBe(
      // issue 12: no header of the file is close, so the advice is to add the column or map one (--columns).
      '缺少列「实验室数」：标准 quality-2017+test 需要此列。请在表头行添加该列并填写数据，或用 --columns 把表中已有的列对到 lab_rooms',
    );
    expect(SCHOOL_COLUMNS.at(-1)!.key).toBe('lab_rooms');
  });

  it('registerColumn is the library’s, and refuses what would make two facts of one column', async () => {
    expect((await import('../src/index.js')).registerColumn).toBe(registerColumn);
    expect(() => registerColumn({ key: 'books', table: 'schools', headers: ['藏书'], cell: 'count' })).toThrow(
      'registerColumn: books is already a column',
    );
    expect(() => registerColumn({ key: 'Bad-Key', table: 'schools', headers: ['x'], cell: 'count' })).toThrow(
      'registerColumn: key Bad-Key is not snake_case',
    );
    expect(() => registerColumn({ key: 'grade2', table: 'classes', headers: ['x'], cell: 'text' })).toThrow(
      'registerColumn: only sheet 学校 takes new columns, not classes',
    );
    expect(() =>
      registerColumn({
        key: 'more_books',
        table: 'schools',
        headers: ['x'],
        cell: 'count',
        quantity: 'books',
        words: { zh: '书', en: 'books' },
      }),
    ).toThrow('registerColumn: quantity books needs words and a name of its own');
  });

  it('a profile naming an unknown quantity is refused', () => {
    const res = Profile.safeParse({
      ...builtInProfile('quality-2017'),
      indicators: [indicator({ id: 'x', quantity: 'noSuchQuantity' })],
    });
    expect(res.success).toBe(false);
  });
});
