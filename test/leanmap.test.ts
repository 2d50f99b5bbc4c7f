// issue 11 (lean core, read → map → validate): rows are not copied, cells are decoded once by fast paths that
// must agree with the exact definitions they replace (cleanCell, the header's unit, the zod cell schemas).
import { describe, it, expect } from 'vitest';
import { types } from 'node:util';
import fc from 'fast-check';
import type { z } from 'zod';
import type { Cell, RawRow } from '../src/read/index.js';
import { applyFactor, cleanCell, mapRow, mapWorkbook, type MappedColumn } from '../src/map/index.js';
import { isSummaryText } from '../src/map/footer.js';
import { CellProblem, cellDecoder } from '../src/validate/cells.js';
import { cellIssue, schoolRowSchema } from '../src/validate/schemas.js';
import { validate } from '../src/validate/index.js';
import { builtInProfile } from '../src/profiles/index.js';
import { goodPrimary, workbook } from './helpers.js';

const column = (key: string, factor: number): MappedColumn => ({ key, index: 0, letter: 'A', header: key, factor });

/** What a cell decodes to by definition: cleaned, scaled, then the zod schema alone. */
function reference(schema: z.ZodType, cell: Cell | undefined, factor: number): unknown {
  const v = cell === null || cell === undefined ? null : applyFactor(cleanCell(cell), factor);
  const res = schema.safeParse(v === null ? undefined : v);
  return res.success ? res.data : cellIssue(res.error);
}

const TRICKY = [
  '',
  ' ',
  '\u3000',
  '12',
  '0012',
  '3300000000',
  '1234567890123456',
  '1,234',
  '２,５００',
  ' 4500 ',
  '-3',
  '1.5',
  '1e3',
  '.5',
  '12.',
  '三百',
  'abc',
  'a b',
  'a,b',
  '小学',
  ' 小学 ',
  '小 学',
  '初中',
  '全校',
  'Primary',
  'ＰＲＩＭＡＲＹ',
  '九年一贯制学校',
  '城区',
  '乡村',
  '公办',
  '县属',
  '县0001',
  '第1小学',
  '\u0007x',
];
const cells = fc.oneof(
  fc.constantFrom<Cell | undefined>(...TRICKY, null, undefined, true, false, 0, -1, 2.5, 1e20, Number.NaN),
  fc.integer({ min: -1000, max: 1e9 }),
  fc.double(),
  fc.string(),
  fc.stringMatching(/^[0-9,. +-]{0,8}$/),
);

describe('cell decoders', () => {
  const shape = schoolRowSchema().shape as Record<string, z.ZodType>;
  // One text, count and amount column and every enum column, each with and without a unit factor.
  const keys = ['name', 'students', 'teaching_area', 'type', 'level', 'ownership', 'affiliation', 'locale'];

  it('agree with cleanCell, the unit and the zod schema on every cell (enum dictionaries reused across cells)', () => {
    const decoders = keys.flatMap((key) =>
      [1, 10000].map((factor) => ({ key, factor, decode: cellDecoder(shape[key]!, column(key, factor)) })),
    );
    fc.assert(
      fc.property(cells, (cell) => {
        for (const { key, factor, decode } of decoders) {
          const got = decode(cell);
          const want = reference(shape[key]!, cell, factor);
          const seen = got instanceof CellProblem ? got.code : got;
          if (!Object.is(seen, want))
            throw new Error(`${key} ×${factor}: ${String(cell)} → ${String(seen)}, not ${String(want)}`);
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('give the finding code of a bad cell and the value of a good one', () => {
    const students = cellDecoder(shape.students!, column('students', 1));
    expect(students('300')).toBe(300);
    expect(students('三百')).toBeInstanceOf(CellProblem);
    expect((students('三百') as CellProblem).code).toBe('type-error');
    expect((students('2.5') as CellProblem).code).toBe('not-integer');
    expect((students('-3') as CellProblem).code).toBe('negative-value');
    const level = cellDecoder(shape.level!, column('level', 1));
    expect(level(' 小学 ')).toBe('primary');
    expect((level('大学') as CellProblem).code).toBe('invalid-value');
    expect(level('\u3000')).toBeUndefined();
  });
});

// The summary-row test as it was defined on a cleaned copy of every row (before issue 11), with the patterns
// of issue 12 (footer.ts) applied to the cleaned cells.
function referenceKind(cells: Cell[], columns: MappedColumn[]): 'blank' | 'summary' | 'row' {
  const cleaned = cells.map(cleanCell);
  if (!cleaned.some((c) => c !== null)) return 'blank';
  const word = (c: Cell) => isSummaryText(c);
  let filled = 0;
  let summary = false;
  for (let i = 0; i < cleaned.length && filled < 4; i++) {
    const c = cleaned[i];
    if (c === null || (c === undefined && !(i in cleaned))) continue;
    if (word(c ?? null)) {
      if (filled === 0) return 'summary';
      summary = true;
    }
    filled++;
  }
  if (!summary) return 'row';
  const code = columns.find((c) => c.key === 'code');
  const v = code ? cleaned[code.index] : null;
  return !code || v === null || v === undefined || word(v) ? 'summary' : 'row';
}

const SUMMARY_CELLS = [
  '合计',
  '\u3000合计',
  ' 合 计',
  '合 计',
  '⼩计', // KANGXI RADICAL SMALL: 小计 once NFKC
  '小计',
  '小学',
  '注：见说明', // full-width colon: 注: once NFKC
  '注:',
  '说明',
  '备注x',
  '总',
  '第1小学',
  '3300000000',
  'abc',
  '青石县合计',
  '小学小计 ',
  ' 初中小计',
  '全县',
  '全州路小学',
  '合计村小学',
  '填表人：张三',
  '一、小学',
  '小河镇中心小学',
  '统计',
  '东城小学\u3000',
  ' ',
  '',
  '\u3000',
];

describe('data rows', () => {
  it('are the reader rows themselves: no copy per row', () => {
    const wb = workbook([goodPrimary('3301000001', 500), goodPrimary('3301000002', 600)]);
    const { tables } = mapWorkbook(wb);
    expect(tables[0]!.rows[0]).toBe(wb.sheets[0]!.rows[1]);
    expect(tables[0]!.rows[1]).toBe(wb.sheets[0]!.rows[2]);
  });

  it('are blank, summary or data exactly as on a cleaned copy (NFKC, spaces, holes)', () => {
    const cell = fc.oneof(
      fc.constantFrom<Cell | undefined | 'hole'>(...SUMMARY_CELLS, null, undefined, 'hole', 7, true),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 7 }), fc.boolean(), (list, withCode) => {
        const cells: Cell[] = [];
        list.forEach((c, i) => {
          if (c !== 'hole') cells[i] = c as Cell;
        });
        cells.length = list.length;
        const columns = withCode ? [column('name', 1), { ...column('code', 1), index: 1 }] : [column('name', 1)];
        const r: RawRow = { row: 2, cells };
        const got = mapRow(r, columns);
        const kind = got === r ? 'row' : got;
        if (kind !== referenceKind(cells, columns))
          throw new Error(`${JSON.stringify(list)} code=${withCode}: ${String(kind)}`);
        return true;
      }),
      { numRuns: 3000 },
    );
    // The cases that need cleaning to tell, one by one.
    const kind = (cells: Cell[]) => {
      const r = { row: 2, cells };
      const m = mapRow(r, [column('name', 0)]);
      return m === r ? 'row' : m;
    };
    expect(kind(['⼩计', 5])).toBe('summary');
    expect(kind(['注：见说明'])).toBe('summary');
    expect(kind(['\u3000合计'])).toBe('summary');
    expect(kind(['小学', 5])).toBe('row');
    expect(kind(['青石县合计', 5])).toBe('summary');
    expect(kind(['合计村小学', 5])).toBe('row');
    expect(kind(['\u3000', ' ', null])).toBe('blank');
  });
});

describe('validated records', () => {
  it('point at their cells without a Proxy; the raw cells by key are a plain object built when asked', () => {
    const wb = workbook([goodPrimary('3301000001', 500), goodPrimary('3301000002', '三百' as unknown as number)]);
    const { tables } = mapWorkbook(wb);
    const v = validate(tables, builtInProfile('quality-2017'));
    const s = v.schools[1]!;
    expect(types.isProxy(s.source.raw)).toBe(false);
    expect(s.source.raw.students).toBe('三百');
    expect(s.source.raw.code).toBe('3301000002');
    expect(s.source).toMatchObject({ file: 'test.xlsx', sheet: '学校', row: 3 });
    expect(s.source.columns.students).toEqual({ letter: 'D', header: '在校生数' });
    const f = v.findings.find((x) => x.code === 'type-error')!;
    expect(f).toMatchObject({ row: 3, column: 'D', header: '在校生数', value: '三百' });
  });
});

describe('cross checks', () => {
  it('check the schools per county and code in the order each pair first appears (a code in two counties)', () => {
    const p = (county: string, code: string) => goodPrimary(code, 500, { county });
    const wb = workbook([
      p('甲县', '3301000001'),
      p('乙县', '3301000002'),
      p('乙县', '3301000002'),
      p('乙县', '3301000001'),
      p('乙县', '3301000001'),
      p('甲县', '3301000001'),
    ]);
    const v = validate(mapWorkbook(wb).tables, builtInProfile('quality-2017'));
    const rows = v.findings.filter((f) => f.code === 'duplicate-school').map((f) => f.row);
    expect(rows).toEqual([7, 4, 6]);
  });
});

describe('class rows', () => {
  it('read the grade only for a class without a level, and still report a cell that is no text', () => {
    const school = (level: string) => goodPrimary('3301000009', 500, { type: '九年一贯制学校', level });
    const wb = workbook(
      [school('小学'), school('初中')],
      [
        { code: '3301000009', grade: '七年级', class: '1班', students: 40 },
        { code: '3301000009', grade: '一年级', class: '2班', students: 30 },
        { code: '3301000009', grade: true as unknown as string, class: false as unknown as string, students: 20 },
      ],
    );
    const v = validate(mapWorkbook(wb).tables, builtInProfile('quality-2017'));
    expect(v.classSizes.get('3301000009\u0000junior')).toMatchObject({ n: 1, sum: 40 });
    expect(v.classSizes.get('3301000009\u0000primary')).toMatchObject({ n: 1, sum: 30 });
    const bad = v.findings.filter((f) => f.code === 'type-error').map((f) => [f.sheet, f.row, f.header, f.value]);
    expect(bad).toEqual([
      ['班级', 4, '年级', true],
      ['班级', 4, '班级', false],
    ]);
  });
});

describe('cleanCell', () => {
  // The definition it had before issue 11: regexes, and NFKC for every text that is not plain ASCII.
  const reference = (v: Cell): Cell => {
    if (typeof v !== 'string') return v;
    if (/^\d+$/.test(v)) return v;
    const s = /^[\x20-\x7e]*$/.test(v)
      ? v.trim()
      : v
          .normalize('NFKC')
          .trim()
          .replace(/\u3000/g, ' ')
          .trim();
    if (s === '') return null;
    if (s.includes(',') && /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return s.replace(/,/g, '');
    return s;
  };
  it('gives what NFKC, trimming and dropping thousands separators give, for CJK, full-width and combining text', () => {
    const char = fc.constantFrom(
      ...'09a, .-+e\u0301\u3000\t小学第县合计⼩㊀ＡＢ１２，﹐丽麗\u4e00\u9fff\u4dff\ua000é\u2f29',
    );
    const text = fc.array(char, { maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (v) => {
        if (!Object.is(cleanCell(v), reference(v))) throw new Error(`${JSON.stringify(v)} → ${String(cleanCell(v))}`);
        return true;
      }),
      { numRuns: 5000 },
    );
  });
});
