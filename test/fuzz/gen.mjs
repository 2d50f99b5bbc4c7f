// Seeded generator of valid county workbooks in the canonical layout (docs/input.md): sheets 学校,
// 班级 and 县域指标. Every generated county meets every quality-2017 rule with a margin, so the
// unmutated workbook assesses to exit 0 and any deletion or corruption is what moves the verdict.
// Plain ESM (no TypeScript) so that test/fuzz/run.mjs can use it outside vitest.
import * as XLSX from 'xlsx';
import { mulberry32, HEADERS, CLASS_HEADERS, WEIGHT, GRADES, CLASS_LIMIT, schoolRow } from '../../fixtures/common.mjs';

const FIXED_DATE = new Date(Date.UTC(2024, 8, 1, 0, 0, 0));
const COUNTY_NAMES = ['青山县', '清河县', '白河县', '柳林县', '桃源县', '马集县', '石门县', '龙潭县'];

// quality-2017 standards per pupil (or per 100 pupils) by level, for the generated margins.
const STD = {
  小学: { ta: 4.5, sa: 7.5, eq: 2000, mm: 2.3 },
  初中: { ta: 5.8, sa: 10.2, eq: 2500, mm: 2.4 },
};

/** County item values that meet each item (quality-2017 §7), keyed by the item's kind and unit. */
function itemValue(item, rand) {
  if (item.kind === 'yes') return '是';
  if (item.kind === 'below') return Math.round(item.threshold * 0.7 * 1000) / 1000;
  if (item.unit === 'level') return rand() < 0.5 ? 'Ⅲ' : 'Ⅳ';
  if (item.unit === 'percent') {
    const pct = Math.min(100, item.threshold * 100 + Math.round(rand() * 40) / 10);
    return `${pct}%`;
  }
  return Math.ceil(item.threshold * (1.05 + rand() * 0.3));
}

/**
 * A county: { county, sheets: [{ name, rows }] } where rows are arrays of cells (header first).
 * `countyItems` are the profile's county items (builtInProfile('quality-2017').countyItems); the
 * caller passes them so that this module needs no build.
 */
export function generateCounty(seed, countyItems, options = {}) {
  const rand = mulberry32(seed);
  const between = (lo, hi) => lo + (hi - lo) * rand();
  const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const round1 = (x) => Math.round(x * 10) / 10;
  const county = COUNTY_NAMES[seed % COUNTY_NAMES.length];
  const prefix = String(2100 + (seed % 7900)).padStart(4, '0');

  // Schools: ≥ 2 primary and ≥ 2 junior units so that every CV is computable.
  const specs = [];
  const nPrimary = options.primary ?? randInt(2, 6);
  const nJunior = options.junior ?? randInt(2, 4);
  for (let i = 0; i < nPrimary; i++) specs.push({ type: '小学', levels: ['小学'] });
  for (let i = 0; i < nJunior; i++) specs.push({ type: '初级中学', levels: ['初中'] });
  if (options.nineYear ?? rand() < 0.4) specs.push({ type: '九年一贯制学校', levels: ['小学', '初中'], whole: true });
  const smallPoint = options.smallPoint ?? rand() < 0.3; // a 教学点 under 50 pupils: out of scope

  const schoolRows = [HEADERS];
  const classRows = [CLASS_HEADERS];
  const locales = ['城区', '镇区', '乡村'];
  specs.forEach((spec, i) => {
    const code = `${prefix}${String(i + 1).padStart(6, '0')}`;
    const school = {
      code,
      name: `${county}第${i + 1}${spec.type === '初级中学' ? '中学' : spec.type === '小学' ? '小学' : '学校'}`,
      type: spec.type,
      loc: locales[randInt(0, 2)],
    };
    const levelFigures = [];
    for (const lv of spec.levels) {
      const P = spec.whole ? randInt(300, 1000) : lv === '小学' ? randInt(200, 1800) : randInt(200, 1500);
      const cap = CLASS_LIMIT[lv];
      const avg = between(28, cap - 4);
      const C = Math.ceil(P / avg);
      const tr = lv === '小学' ? between(12, 17) : between(9, 12);
      const teachers = Math.ceil(P / tr);
      const peArt = Math.ceil((P * between(1.0, 1.3)) / 100);
      const pe = Math.max(1, Math.round(peArt * 0.4));
      const music = Math.max(1, Math.round((peArt - pe) / 2));
      const ppl = {
        teachers,
        qualified: Math.min(teachers, Math.round(teachers * between(0.9, 1))),
        backbone: Math.min(teachers, Math.ceil((P * between(1.1, 1.5)) / 100)),
        pe,
        music,
        art: Math.max(1, peArt - pe - music),
        titled: Math.round(teachers * between(0.4, 0.6)),
        staff: teachers + randInt(1, 8),
      };
      const rooms = Math.max(1, Math.ceil(C / 12));
      let fac = null;
      if (!spec.whole) {
        const s = STD[lv];
        const f = () => between(1.12, 1.4);
        fac = {
          teaching: round1(s.ta * f() * P),
          sports: round1(s.sa * f() * P),
          equipment: Math.round((s.eq * f() * P) / 10) * 10,
          mm: Math.ceil((s.mm * f() * P) / 100),
          computers: Math.round(P * between(0.12, 0.18)),
          books: Math.round(P * between(26, 45)),
          mus: rooms + randInt(0, 1),
          art: rooms + randInt(0, 1),
        };
      }
      schoolRows.push(schoolRow(county, school, lv, ppl, fac, { students: P, classes: C }));
      levelFigures.push({ lv, P, C });
      // Classes: P pupils over C classes, evenly, then jittered without passing the limit.
      const sizes = Array.from({ length: C }, (_, k) => Math.floor(P / C) + (k < P % C ? 1 : 0));
      for (let k = 0; k < C; k++) {
        const a = randInt(0, C - 1);
        const b = randInt(0, C - 1);
        const d = randInt(1, 3);
        if (a !== b && sizes[a] - d >= 10 && sizes[b] + d <= cap) {
          sizes[a] -= d;
          sizes[b] += d;
        }
      }
      const grades = GRADES[lv];
      sizes.forEach((n, k) =>
        classRows.push([code, lv, grades[k % grades.length], `${Math.floor(k / grades.length) + 1}班`, n]),
      );
    }
    if (spec.whole) {
      // Facilities on the 全校 row, per primary-weighted pupil: enough for both levels after the split.
      const weighted = levelFigures.reduce((a, l) => a + WEIGHT[l.lv] * l.P, 0);
      const per = (k) => Math.max(STD.小学[k], STD.初中[k] / WEIGHT.初中) * between(1.15, 1.4);
      const classes = levelFigures.reduce((a, l) => a + l.C, 0);
      const rooms = Math.max(1, Math.ceil(classes / 12));
      const fac = {
        teaching: round1(per('ta') * weighted),
        sports: round1(per('sa') * weighted),
        equipment: Math.round((per('eq') * weighted) / 10) * 10,
        mm: Math.ceil((per('mm') * weighted) / 100),
        computers: Math.round(weighted * 0.15),
        books: Math.round(weighted * 35),
        mus: rooms + 1,
        art: rooms + 1,
      };
      schoolRows.push(schoolRow(county, school, '全校', null, fac));
    }
  });
  if (smallPoint) {
    const code = `${prefix}${String(specs.length + 1).padStart(6, '0')}`;
    const P = randInt(12, 45);
    const school = { code, name: `${county}小教学点`, type: '教学点', loc: '乡村' };
    const ppl = { teachers: 3, qualified: 2, backbone: 0, pe: 0, music: 0, art: 0, titled: 1, staff: 3 };
    schoolRows.push(schoolRow(county, school, '小学', ppl, null, { students: P, classes: 2 }));
  }

  const items = countyItems.filter((i) => i.kind !== 'computed');
  const wide = options.wideItems ?? rand() < 0.25;
  const itemRows = wide
    ? [
        ['县区', ...items.map((i) => i.name.zh)],
        [county, ...items.map((i) => itemValue(i, rand))],
      ]
    : [['指标', '值'], ...items.map((i) => [i.name.zh, itemValue(i, rand)])];

  return {
    county,
    sheets: [
      { name: '学校', rows: schoolRows },
      { name: '班级', rows: classRows },
      { name: '县域指标', rows: itemRows },
    ],
  };
}

/** A deep copy of the sheets, so that mutations never touch the generated original. */
export function cloneSheets(sheets) {
  return sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]) }));
}

/** The sheets as an .xlsx workbook (deterministic bytes: fixed dates). */
export function toXlsx(sheets, { sst = false } = {}) {
  const wb = XLSX.utils.book_new();
  wb.Props = {
    Title: 'generated county',
    Author: 'balance-check fuzz',
    CreatedDate: FIXED_DATE,
    ModifiedDate: FIXED_DATE,
  };
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(s.rows), s.name);
  if (!sheets.length) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Sheet1');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: sst, compression: true });
}

/** One sheet as CSV text (RFC 4180 quoting). */
export function toCsv(rows) {
  const cell = (v) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
