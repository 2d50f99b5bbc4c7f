// Deterministic synthetic data for the benchmark and the scale tests: counties of single-level schools
// (小学 / 初级中学) in the canonical layout, as xlsx (with a shared-string table, as Excel and WPS save)
// and as CSV, plus a per-class CSV. `node bench/generate.mjs SIZE [OUTDIR]`, SIZE: county | province |
// national | a number of school rows (counties of 100 schools).
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import * as XLSX from 'xlsx';
import { mulberry32, CLASS_HEADERS } from '../fixtures/common.mjs';
import { headerOf } from '../dist/map/columns.js';

export const SIZES = {
  county: { rows: 300, counties: 1 },
  province: { rows: 10_000, counties: 100 },
  national: { rows: 200_000, counties: 2_000 },
};

/** The columns of the synthetic schools, as keys of the column catalogue (src/map/columns.ts, built into dist/). */
const KEYS = [
  'county',
  'code',
  'name',
  'type',
  'level',
  'locale',
  'students',
  'classes',
  'teachers',
  'qualified_teachers',
  'backbone_teachers',
  'pe_teachers',
  'music_teachers',
  'art_teachers',
  'titled_teachers',
  'teaching_area',
  'sports_area',
  'equipment_value',
  'multimedia_rooms',
  'computers',
  'books',
  'music_rooms',
  'art_rooms',
];
const HEADERS = KEYS.map((k) => headerOf('schools', k));

/** School rows (arrays in HEADERS order) and, through `onClass`, each class row. */
export function* schoolRows(rows, counties, seed = 7) {
  const rand = mulberry32(seed);
  const perCounty = Math.ceil(rows / counties);
  for (let i = 0; i < rows; i++) {
    const county = Math.floor(i / perCounty);
    const junior = i % 4 === 3;
    const locale = ['城区', '镇区', '乡村'][i % 3];
    const classes = junior ? 8 + Math.floor(rand() * 24) : 6 + Math.floor(rand() * 30);
    const size = junior ? 38 + Math.floor(rand() * 14) : 32 + Math.floor(rand() * 16);
    const students = classes * size;
    const teachers = Math.ceil(students / (junior ? 12 : 16)) + Math.floor(rand() * 5);
    const r = (lo, hi) => lo + rand() * (hi - lo);
    yield {
      classes,
      size,
      row: [
        `县${String(county + 1).padStart(4, '0')}`,
        String(3300000000 + i),
        `第${i + 1}${junior ? '中学' : '小学'}`,
        junior ? '初级中学' : '小学',
        junior ? '初中' : '小学',
        locale,
        students,
        classes,
        teachers,
        Math.round(teachers * r(0.92, 1)),
        Math.round(students * r(0.011, 0.016)),
        Math.max(1, Math.round(students * 0.005)),
        Math.max(1, Math.round(students * 0.003)),
        Math.max(1, Math.round(students * 0.003)),
        Math.round(teachers * r(0.4, 0.6)),
        Math.round(students * r(junior ? 5.9 : 4.6, junior ? 8 : 6.5)),
        Math.round(students * r(junior ? 10.5 : 7.6, junior ? 16 : 12)),
        Math.round(students * r(junior ? 2600 : 2100, junior ? 4000 : 3300)),
        Math.ceil(classes * 1.1),
        Math.round(students * r(0.12, 0.18)),
        Math.round(students * r(25, 40)),
        Math.ceil(classes / 12),
        Math.ceil(classes / 12),
      ],
    };
  }
}

const GRADES = {
  小学: ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'],
  初中: ['七年级', '八年级', '九年级'],
};

/** Writes NAME.xlsx, NAME.csv and NAME-classes.csv into dir; returns their paths. */
export async function generate(name, rows, counties, dir, { xlsx = true, csv = true, classes = true } = {}) {
  mkdirSync(dir, { recursive: true });
  const data = [...schoolRows(rows, counties)];
  const paths = {};
  if (xlsx) {
    const ws = XLSX.utils.aoa_to_sheet([HEADERS, ...data.map((d) => d.row)]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '学校');
    wb.Props = { CreatedDate: new Date(Date.UTC(2024, 8, 1)) };
    paths.xlsx = join(dir, `${name}.xlsx`);
    writeFileSync(paths.xlsx, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }));
  }
  if (csv) {
    paths.csv = join(dir, `${name}.csv`);
    writeFileSync(paths.csv, [HEADERS, ...data.map((d) => d.row)].map((r) => r.join(',')).join('\n') + '\n');
  }
  if (classes) {
    paths.classes = join(dir, `${name}-classes.csv`);
    const out = createWriteStream(paths.classes);
    const rand = mulberry32(11);
    let buf = CLASS_HEADERS.join(',') + '\n';
    for (const d of data) {
      const level = d.row[4];
      const grades = GRADES[level];
      const students = d.row[6];
      // Class sizes around the school's mean, adding up exactly to its pupils.
      const sizes = Array.from({ length: d.classes }, () => d.size);
      for (let k = 0; k < d.classes; k++) {
        const shift = Math.floor(rand() * 5) - 2;
        const j = (k + 1) % d.classes;
        if (sizes[j] - shift > 0 && sizes[k] + shift > 0) {
          sizes[k] += shift;
          sizes[j] -= shift;
        }
      }
      if (sizes.reduce((a, b) => a + b, 0) !== students) throw new Error('class sums');
      for (let k = 0; k < d.classes; k++) {
        buf += `${d.row[1]},${level},${grades[k % grades.length]},${Math.floor(k / grades.length) + 1}班,${sizes[k]}\n`;
        if (buf.length > 1 << 16) {
          if (!out.write(buf)) await once(out, 'drain');
          buf = '';
        }
      }
    }
    out.end(buf);
    await once(out, 'finish');
  }
  return paths;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv[2] ?? 'county';
  const size = SIZES[arg] ?? { rows: Number(arg), counties: Math.max(1, Math.round(Number(arg) / 100)) };
  if (!Number.isFinite(size.rows) || size.rows <= 0) {
    console.error('usage: node bench/generate.mjs county|province|national|ROWS [OUTDIR]');
    process.exit(3);
  }
  const dir = resolve(process.argv[3] ?? 'bench/data');
  const paths = await generate(arg, size.rows, size.counties, dir);
  console.log(JSON.stringify(paths));
}
