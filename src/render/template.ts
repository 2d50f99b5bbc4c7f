// `balance-check template`: the canonical workbook to fill in, with a 说明 sheet for every column.
import { SCHOOL_COLUMNS, CLASS_COLUMNS, type ColumnDef } from '../map/columns.js';
import { WORDS } from '../domain.js';
import type { Profile } from '../profiles/schema.js';
import { requiredColumns } from '../quantities.js';
import { BUILT_IN } from '../profiles/index.js';
import { EXAMPLE_CLASSES, EXAMPLE_SCHOOLS } from '../map/examples.js';
import { label } from '../i18n/messages.js';
import { neutralise } from './tables.js';
import { stripControls } from './safe.js';

/** A cell type in the words of the 说明 sheet; an enum lists its canonical words (domain.ts WORDS). */
function cellWords(c: ColumnDef): string {
  const base =
    c.cell === 'text'
      ? '文本'
      : c.cell === 'count'
        ? '整数'
        : c.cell === 'decimal'
          ? '数字'
          : Object.values<readonly string[]>(WORDS[c.cell])
              .map((w) => w[0])
              .join('/');
  return c.rule ? `${base}，${c.rule}` : base;
}

/** issue 10 (checks): notes whose numbers are the standard's, filled from the profile (no literal 1:1.1:1.32, 50–99, 12). */
function profileNote(profile: Profile, key: string): string | undefined {
  const w = profile.splitWeights;
  if (key === 'level') return label('zh', 'template.level', { weights: `${w.primary}:${w.junior}:${w.senior}` });
  if (key === 'locale')
    return profile.visitingPeArt
      ? label('zh', 'template.locale', {
          min: profile.visitingPeArt.minStudents,
          max: profile.visitingPeArt.maxStudents,
        })
      : '';
  if (key === 'classes')
    return profile.specialRooms ? label('zh', 'template.classes', { per: profile.specialRooms.classesPerRoom }) : '';
  return undefined;
}

/** Canonical columns the template writes (alternatives such as the degree breakdown are left to the 说明). */
const templateColumns = () => SCHOOL_COLUMNS.filter((c) => c.template !== false);

export async function renderTemplate(profile: Profile): Promise<Uint8Array> {
  const XLSX = await import('xlsx');
  const wb = XLSX.utils.book_new();
  // Data sheets hold headers only: an untouched template is no county's data (issue 9). Examples live on 示例,
  // which the reader skips.
  const columns = templateColumns();
  const TEMPLATE_KEYS = columns.map((c) => c.key);
  const schoolHeader = columns.map((c) => c.headers[0]!);
  const classKeys = CLASS_COLUMNS.map((c) => c.key);
  const classHeader = CLASS_COLUMNS.map((c) => c.headers[0]!);
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([schoolHeader]), '学校');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([classHeader]), '班级');
  const items = profile.countyItems.filter((i) => i.kind !== 'computed');
  const requirement = (i: (typeof items)[number]) => {
    const pct = (x: number) => `${Number((x * 100).toPrecision(10))}%`;
    const t = i.threshold;
    if (i.kind === 'yes' || t === null) return '是/否';
    const shown =
      i.unit === 'percent' ? pct(t) : i.unit === 'level' ? (['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'][t] ?? String(t)) : String(t);
    return `${i.kind === 'min' ? '≥' : i.kind === 'max' ? '≤' : '<'} ${shown}${i.unit === 'yuan' ? ' 元' : ''}`;
  };
  if (items.length) {
    // Item names and the requirement as a note; the 值 column is for the county to fill in.
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['指标', '值', '要求（说明，不读取）'],
        ...items.map((i) => [i.name.zh, null, requirement(i)]),
      ]),
      '县域指标',
    );
  }
  const example = (i: (typeof items)[number]) =>
    i.kind === 'yes' ? '是' : i.unit === 'percent' ? '96.5%' : i.unit === 'level' ? 'Ⅲ' : 5000;
  const examples: (string | number | null)[][] = [
    ['学校（示例：复制格式而不是数据；本表不读取）'],
    schoolHeader,
    ...EXAMPLE_SCHOOLS.map((r) => TEMPLATE_KEYS.map((k) => r[k] ?? null)),
    [],
    ['班级（示例）'],
    classHeader,
    ...EXAMPLE_CLASSES.map((r) => classKeys.map((k) => r[k] ?? null)),
    ...(items.length
      ? [
          [],
          ['县域指标（示例：值可写数字、百分比、是/否、等级）'],
          ['指标', '值'],
          ...items.slice(0, 4).map((i) => [i.name.zh, example(i)]),
        ]
      : []),
  ];
  const exampleSheet = XLSX.utils.aoa_to_sheet(examples);
  // Codes as text: a number format would drop leading zeros.
  const codeCol = TEMPLATE_KEYS.indexOf('code');
  for (let r = 2; r < 2 + EXAMPLE_SCHOOLS.length; r++) {
    const cell = exampleSheet[XLSX.utils.encode_cell({ r, c: codeCol })];
    if (cell) Object.assign(cell, { t: 's', z: '@' });
  }
  const needs = (key: string) =>
    Object.values(BUILT_IN)
      .filter((p) => requiredColumns(p).some((group) => group.some((alt) => alt.includes(key))))
      .map((p) => p.id)
      .join('、');
  const notes = [
    ['工作表', '表头', '键', '单位', '类型', '哪些标准需要', '说明'],
    ...columns.map((c) => [
      '学校',
      c.headers[0]!,
      c.key,
      c.unit ?? '',
      cellWords(c),
      needs(c.key),
      profileNote(profile, c.key) ?? c.note ?? '',
    ]),
    [
      '学校',
      '研究生学历教师数 / 本科学历教师数 / 专科学历教师数',
      'postgrad_teachers …',
      '人',
      '整数',
      '',
      '可代替「高于规定学历教师数」',
    ],
    ['学校', '体育艺术专任教师数', 'pe_art_teachers', '人', '整数', '', '可代替体育、音乐、美术三列'],
    [
      '学校',
      '46-55人班级数 / 56-65人班级数 / 66人及以上班级数',
      'band:…',
      '个',
      '整数',
      '',
      '没有班级表时按分段统计班额',
    ],
    ...CLASS_COLUMNS.map((c) => [
      '班级',
      c.headers[0]!,
      c.key,
      c.unit ?? '',
      cellWords(c),
      '',
      profileNote(profile, c.key) ?? c.note ?? '',
    ]),
    ...(items.length
      ? [
          [
            '县域指标',
            '指标 / 值',
            'item / value',
            '',
            '数字、百分比（96.5%）、是/否、等级（Ⅲ）',
            profile.id,
            '在「值」列填写；「要求」列只是说明。学校规模、班额、专用教室由学校数据计算，不必填写；不填的项目报告为未评估',
          ],
        ]
      : []),
    ['示例', '', '', '', '', '', '各表的填写示例；程序不读取此表，学校、班级表中不要保留示例行'],
  ];
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(notes), '说明');
  XLSX.utils.book_append_sheet(wb, exampleSheet, '示例');
  wb.Props = { Title: `balance-check 模板（${profile.id}）`, CreatedDate: new Date(Date.UTC(2024, 8, 1)) };
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}

/**
 * issue 13: `template -o t.csv`: the 学校 sheet as CSV (header row and the example rows, which validate
 * reports as template-example-rows until they are replaced), UTF-8 with a BOM for Excel, formula-guarded.
 */
export function renderTemplateCsv(): string {
  const columns = templateColumns();
  const cell = (v: string | number | null | undefined): string => {
    const n = neutralise(typeof v === 'string' ? stripControls(v) : (v ?? null));
    const s = n === null ? '' : String(n);
    return /[",;\t\r\n]|^'[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = [columns.map((c) => c.headers[0]!), ...EXAMPLE_SCHOOLS.map((r) => columns.map((c) => r[c.key]))];
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
