// Fills the generated sections of docs/ from the code (run after `npm run build`), so the docs say what the
// code does: docs/rules.md gets the built-in profiles' numbers, docs/input.md the column catalogue.
//   node scripts/docs.mjs            rewrite the docs
//   node scripts/docs.mjs --check    exit 1 when a doc differs from what this writes (test/docs.test.ts)
//   --dir DIR                        read (and write) DIR/rules.md and DIR/input.md instead of docs/
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILT_IN } from '../dist/profiles/index.js';
import { label } from '../dist/i18n/messages.js';
import { quantitySources, requiredColumns } from '../dist/quantities.js';
import { COLUMNS, SHEET_NAMES, headerOf } from '../dist/map/columns.js';
import { WORDS } from '../dist/domain.js';

export const BEGIN = '<!-- BEGIN GENERATED (npm run docs; do not edit by hand) -->';
export const END = '<!-- END GENERATED -->';
const DOCS_DIR = fileURLToPath(new URL('../docs/', import.meta.url));

const zh = (key) => label('zh', key);
/** Same as the judge's floor: standard × ratio without representation noise. */
const clean = (x) => Number(x.toPrecision(12));
const num = (x) => (x === null || x === undefined ? '—' : String(x));
const pct = (x) => `${clean(x * 100)} %`;
const yesNo = (b) => (b ? 'yes' : 'no');
const binding = (b) => (b ? 'binding (判定)' : 'advisory (参考, not judged)');
const cell = (s) => String(s).replace(/\|/g, '\\|');

function table(header, rows) {
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function indicators(p) {
  const floorOf = (d, l) => (d.standard && p.perSchool ? clean(d.standard[l] * p.perSchool.floorRatio) : null);
  // The quantity in the words of sheet 学校: alternatives with "or", sums with "+".
  const quantity = (q) => {
    const alts = quantitySources(q).map((keys) => keys.map((k) => headerOf('schools', k)).join(' + '));
    const s = alts.join(' or ');
    return alts.length > 1 || quantitySources(q)[0].length > 1 ? `(${s})` : s;
  };
  const formula = (d) => `${quantity(d.quantity)}${d.per === 1 ? '' : ` × ${d.per}`} ÷ 在校生数`;
  const header = ['id', '指标', 'unit', 'formula', '小学 standard', '初中 standard'];
  if (p.perSchool) header.push('小学 floor', '初中 floor');
  header.push('decimals');
  const rows = p.indicators.map((d) => {
    const r = [
      `\`${d.id}\``,
      d.name.zh,
      d.unit.zh || '—',
      formula(d),
      num(d.standard?.primary),
      num(d.standard?.junior),
    ];
    if (p.perSchool) r.push(num(floorOf(d, 'primary')), num(floorOf(d, 'junior')));
    r.push(String(d.decimals));
    return r;
  });
  return table(header, rows);
}

function scopeRule(r) {
  const parts = [];
  if (r.types) parts.push(`type ${r.types.map((t) => zh(`type_${t}`)).join(' / ')}`);
  if (r.ownership)
    parts.push(`办学性质 ${r.ownership.map((o) => ({ public: '公办', private: '民办' })[o]).join(' / ')}`);
  if (r.affiliation)
    parts.push(`隶属 ${r.affiliation.map((a) => ({ county: '县属', city: '市属', province: '省属' })[a]).join(' / ')}`);
  if (r.studentsBelow !== undefined) parts.push(`fewer than ${r.studentsBelow} compulsory-stage pupils`);
  return parts.join(', ');
}

function threshold(item) {
  if (item.kind === 'computed') return `computed: check \`${item.check}\``;
  if (item.kind === 'yes') return '是 (attestation)';
  const t = item.threshold;
  if (t === null) return '—';
  const op = { min: '≥', max: '≤', below: '<' }[item.kind];
  const value =
    item.unit === 'percent'
      ? pct(t)
      : item.unit === 'yuan'
        ? `${t} 元`
        : item.unit === 'level'
          ? `level ${['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'][t] ?? t}`
          : String(t);
  return `${op} ${value}`;
}

function profileSection(p) {
  const out = [];
  out.push(`### \`${p.id}\` — ${p.name.zh}`, '', `${p.name.en}. ${p.document}.`, '');
  out.push(`**Indicators (${p.indicators.length})**`, '', indicators(p), '');
  out.push(
    p.perSchool
      ? `**Per-school rule (学校达标):** at least ${p.perSchool.minMet} of ${p.indicators.length} standards met, every unmet one ≥ ${pct(p.perSchool.floorRatio)} of its standard (the floor columns above).`
      : '**Per-school rule:** none (no per-level standards).',
    '',
  );
  const cv = p.cv;
  const cvRows = [
    ['weighting', cv.weighting === 'enrolment' ? 'enrolment-weighted (按在校生数加权)' : 'unweighted'],
    ['each CV ≤ (小学 / 初中)', cv.limits ? `${cv.limits.primary} / ${cv.limits.junior}` : '— (reported, not judged)'],
    [
      `composite: mean of the ${p.indicators.length} CVs ≤ (小学 / 初中)`,
      cv.composite
        ? `${cv.composite.limits.primary} / ${cv.composite.limits.junior}`
        : '— (the mean is shown as information only)',
    ],
    ['CV rounded before comparing', cv.rounding === null ? 'no (full precision)' : `${cv.rounding} decimals`],
  ];
  out.push('**Variation coefficient (差异系数)**', '', table(['setting', 'value'], cvRows), '');
  const w = p.splitWeights;
  out.push(`**Split weights (拆分权重)** 小学 : 初中 : 高中 = ${w.primary} : ${w.junior} : ${w.senior}`, '');
  out.push(
    '**Scope (不参评)**',
    '',
    table(
      ['reason', '原因', 'excluded'],
      p.scope.map((r) => [`\`${r.reason}\``, zh(`reason.${r.reason}`), scopeRule(r)]),
    ),
    '',
  );
  const degree = { associate: '专科 and above', bachelor: '本科 and above', postgraduate: '研究生' };
  const v = p.visitingPeArt;
  const misc = [
    [
      '高于规定学历 from the degree breakdown',
      `小学 ${degree[p.qualification.primary]}; 初中 ${degree[p.qualification.junior]}`,
    ],
    ['室内体育用房 moved from teaching to sports area', yesNo(p.indoorSportsToSports)],
    [
      '走教体育艺术教师 counted',
      v
        ? `${v.locales.map((l) => ({ urban: '城区', town: '镇区', rural: '乡村' })[l]).join(' / ')} units of ${v.minStudents}–${v.maxStudents} pupils`
        : 'no',
    ],
  ];
  out.push('**Other settings**', '', table(['setting', 'value'], misc), '');
  const cs = p.classSize;
  const classRows = [
    ['limit (小学 / 初中)', `${cs.limits.primary} / ${cs.limits.junior} pupils`],
    ['大班额 (large)', `${cs.large.min}–${cs.large.max} pupils`],
    ['超大班额 (super-large)', `${cs.superLarge} or more`],
    ['check `class-size`', binding(cs.binding)],
  ];
  out.push('**Class size (班额)**', '', table(['setting', 'value'], classRows), '');
  if (p.schoolSize) {
    const rows = Object.entries(p.schoolSize.limits).map(([t, n]) => [zh(`type_${t}`), `\`${t}\``, `≤ ${n}`]);
    out.push(
      `**School size (学校规模)**, compulsory-stage pupils per school; check \`school-size\` ${binding(p.schoolSize.binding)}`,
      '',
      table(['学校类型', 'type', 'limit'], rows),
      '',
    );
  } else out.push('**School size:** not checked.', '');
  out.push(
    p.specialRooms
      ? `**Music and art rooms (音乐、美术专用教室):** each ≥ ceil(班级数 ÷ ${p.specialRooms.classesPerRoom}) per school; check \`special-rooms\` ${binding(p.specialRooms.binding)}.`
      : '**Music and art rooms:** not checked.',
    '',
  );
  out.push(
    `**Staffing (生师比):** norm 小学 ${p.staffing.norms.primary} : 1, 初中 ${p.staffing.norms.junior} : 1; check \`staffing\` ${binding(p.staffing.binding)}.`,
    '',
  );
  if (p.parts) {
    const rows = p.parts.map((part) => [
      `\`${part.id}\``,
      part.name.zh,
      part.name.en,
      part.checks.map((c) => `\`${c}\``).join(', ') || '—',
      String(p.countyItems.filter((i) => i.part === part.id).length),
    ]);
    out.push('**Parts (评估分项)**', '', table(['part', '名称', 'name', 'checks', 'county items'], rows), '');
  } else out.push('**Parts:** none; the verdict is the checks alone.', '');
  if (p.countyItems.length) {
    const rows = p.countyItems.map((i) => [
      `\`${i.id}\``,
      `\`${i.part}\``,
      i.name.zh,
      threshold(i),
      i.aliases.join('、') || '—',
    ]);
    out.push(
      `**County items (县域指标, ${p.countyItems.length})**`,
      '',
      table(['id', 'part', '项目', 'meets when', 'also accepted as'], rows),
      '',
    );
  } else out.push('**County items:** none (sheet 县域指标 is not read).', '');
  return out.join('\n');
}

const TABLE_WORDS = {
  schools: '学校 (schools)',
  classes: '班级 (classes)',
  county: '县域指标 (county items, long form)',
};

/** The input columns: canonical header, accepted synonyms, split or not, which standard requires them. */
function columnsSection() {
  const out = [];
  const needs = Object.values(BUILT_IN).map((p) => ({ id: p.id, keys: new Set(requiredColumns(p).flat(2)) }));
  for (const [kind, defs] of Object.entries(COLUMNS)) {
    out.push(`### Sheet ${TABLE_WORDS[kind]}`, '', `Sheet names recognised: ${SHEET_NAMES[kind].join('、')}.`, '');
    const header = ['key', 'header (canonical)', 'also accepted', 'cell', 'unit'];
    if (kind === 'schools') header.push('split (全校 row)', 'quantity', 'needed by');
    const rows = defs.map((d) => {
      const r = [`\`${d.key}\``, d.headers[0], d.headers.slice(1).join('、'), d.cell, d.unit ?? '—'];
      if (kind === 'schools') {
        r.push(d.facility ? 'yes' : '—');
        r.push(d.quantity ? `\`${d.quantity}\`` : '—');
        r.push(
          needs
            .filter((n) => n.keys.has(d.key))
            .map((n) => `\`${n.id}\``)
            .join(', ') || '—',
        );
      }
      return r;
    });
    out.push(table(header, rows), '');
  }
  // The words a text cell may hold; the first is what `template` writes.
  const words = Object.entries(WORDS).flatMap(([field, byKey]) =>
    Object.entries(byKey).map(([key, list]) => [`\`${field}\``, `\`${key}\``, list.join('、')]),
  );
  out.push(
    '### Cell words (学校类型, 学段, 办学性质, 隶属, 城乡)',
    '',
    table(['column', 'key', 'accepted words (first: canonical)'], words),
    '',
  );
  return out.join('\n');
}

const profilesSection = () => Object.values(BUILT_IN).map(profileSection).join('\n');

/** Each doc and the generator of its section. */
export const GENERATED = { 'rules.md': profilesSection, 'input.md': columnsSection };

/** The document with its generated section (between BEGIN and END) replaced. */
export function fill(name, text) {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/${name}: the markers ${BEGIN} … ${END} are missing`);
  return `${text.slice(0, a)}${BEGIN}\n\n${GENERATED[name]()}\n${END}${text.slice(b + END.length)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const dirAt = args.indexOf('--dir');
  const dir = dirAt >= 0 ? args[dirAt + 1] : DOCS_DIR;
  let stale = 0;
  for (const name of Object.keys(GENERATED)) {
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    const want = fill(name, text);
    if (want === text) continue;
    if (check) {
      console.error(`${file} is out of date with the code: run \`npm run docs\` and commit the result.`);
      stale++;
    } else {
      writeFileSync(file, want);
      console.log(`wrote ${file}`);
    }
  }
  if (stale) process.exit(1);
}
