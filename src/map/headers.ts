// Header wording as clerks write it (issue 12): units in brackets on any header row, 其中：/# prefixes, 及以上 and
// trailing 数/人/间 variants, and two-row header PATHS (group / sub-header) resolved against the column catalogue.
// Two lookup forms: the strict one (each catalogue header as written, spaces and separators dropped) and a
// loose one; a loose form two keys share is ambiguous and matches nothing, so loosening never mis-maps a column.

export const UNIT_FACTORS: Record<string, number> = {
  万元: 10000,
  千元: 1000,
  元: 1,
  平方米: 1,
  m2: 1,
  'm²': 1,
  人: 1,
  个: 1,
  间: 1,
  台: 1,
  册: 1,
  名: 1,
  所: 1,
};

const nfkc = (s: string): string => s.normalize('NFKC').trim();
const unitOf = (inner: string): string | undefined => {
  const u = inner.replace(/^单位[:：]?/, '').toLowerCase();
  return u in UNIT_FACTORS ? u : undefined;
};

/** One header row's text without its bracketed unit, and the unit. Other brackets (县(市、区)) are kept. */
function segment(raw: string): { text: string; unit: string | null } {
  let unit: string | null = null;
  const text = raw.replace(/[([【]([^()[\]【】]*)[)\]】]/g, (all, inner: string) => {
    const u = unitOf(inner);
    if (u === undefined) return all;
    unit = u;
    return '';
  });
  return { text, unit };
}

/** Header text → lookup form: NFKC, no spaces, no "其中", no separators, no unit in brackets, no required-marker. */
export function headerKey(h: string): { base: string; unit: string | null } {
  const s = nfkc(h)
    .replace(/\s+/g, '')
    .replace(/^\*|\*$/g, '');
  let unit: string | null = null;
  const parts = s.split('/').map((p) => {
    const seg = segment(p.replace(/^\*|\*$/g, ''));
    if (seg.unit) unit = seg.unit;
    return seg.text;
  });
  // A unit may also stand on the second header row: "教学仪器设备值/万元".
  const last = parts[parts.length - 1]!;
  if (parts.length > 1 && last in UNIT_FACTORS) {
    unit = last;
    parts.pop();
  }
  return {
    base: parts
      .join('/')
      .replace(/其中|[/:]/g, '')
      .toLowerCase(),
    unit,
  };
}

/** Bracketed words that name a part of the column's figure, not a qualifier of its name. */
const PART = /^(?:其中.*|女|男|少数民族|女性|#.*)$/;

/** The loose form of a strict one: no bracketed qualifier, 县级及以上 = 县级以上, no #/一、 prefix, no trailing 数 then 人/间/台/册/个. */
export function looseKey(base: string): string {
  let s = base
    // A qualifier in brackets: 学校名称（全称）, 学段（小学/初中）, 学校代码（10位）; not a part (在校生数（女）).
    .replace(/\(([^()]*)\)|\[([^[\]]*)\]|【([^【】]*)】/g, (all, a?: string, b?: string, c?: string) =>
      PART.test(a ?? b ?? c ?? '') ? all : '',
    )
    .replace(/及以上/g, '以上')
    .replace(/^#+/, '')
    .replace(/^[一二三四五六七八九十]+[、.]/, '');
  if (s.length > 2 && s.endsWith('数')) s = s.slice(0, -1);
  if (s.length > 2 && /[人间台册个名]$/.test(s)) s = s.slice(0, -1);
  return s;
}

/** Longer header texts are no catalogue header; a group's tail completing a sub-header is shorter than this. */
export const MAX_HEADER = 200;
const MAX_TAIL = 24;

/** The sub-header words that mean "the group's own total" (专任教师数 / 合计). */
const TOTAL_WORDS = new Set(['合计', '小计', '总计', '计', '总数', '合计数']);

export interface HeaderLookup {
  strict: Map<string, string>;
  /** null: ambiguous (two keys share the loose form). */
  loose: Map<string, string | null>;
  /** Catalogue paths (专任教师数/研究生) by their loose segments (专任教师/研究生). */
  paths: Map<string, string>;
}

/** A path's loose form, segment by segment: 专任教师数（人）/其中：研究生 → 专任教师/研究生. */
const pathKey = (segments: readonly string[]): string => segments.map((p) => looseKey(headerKey(p).base)).join('/');

/** The two lookup forms of a table's catalogue headers. */
export function buildLookup(columns: readonly { key: string; headers: readonly string[] }[]): HeaderLookup {
  const strict = new Map<string, string>();
  const loose = new Map<string, string | null>();
  const paths = new Map<string, string>();
  for (const c of columns)
    for (const h of c.headers) {
      if (h.includes('/')) paths.set(pathKey(h.split('/')), c.key);
      const base = headerKey(h).base;
      strict.set(base, c.key);
      const l = looseKey(base);
      const had = loose.get(l);
      loose.set(l, had === undefined || had === c.key ? c.key : null);
    }
  return { strict, loose, paths };
}

const find = (lk: HeaderLookup, base: string): string | undefined =>
  lk.strict.get(base) ?? lk.loose.get(looseKey(base)) ?? undefined;

/**
 * The key of a header text (header rows joined by "/"): the whole text; else, for a path group/…/sub, with the
 * whole group, its first and its last segment in turn: the catalogue path (专任教师（人）/研究生), the group when
 * the sub-header is its total (专任教师数/合计), the sub-header completed by the end of its group
 * (体育艺术专任教师/体育 → 体育专任教师, 校舍及场地面积/室内体育用房 → 室内体育用房面积, 专用教室/音乐 →
 * 音乐专用教室); last the sub-header alone (学校基本信息/学校名称).
 */
export function resolveHeader(text: string, lk: HeaderLookup): string | undefined {
  // No catalogue header is long: a data cell of a megabyte scanned as a header candidate costs nothing.
  if (text.length > MAX_HEADER) return undefined;
  const whole = find(lk, headerKey(text).base);
  if (whole) return whole;
  const parts = text.split('/');
  if (parts.length < 2) return undefined;
  const last = parts[parts.length - 1]!;
  const sub = headerKey(last).base;
  if (!sub) return undefined;
  const groups = [...new Set([parts.slice(0, -1).join('/'), parts[0]!, parts[parts.length - 2]!])];
  for (const g of groups) {
    const path = lk.paths.get(pathKey([g, last]));
    if (path) return path;
    const group = headerKey(g).base;
    const groupKey = find(lk, group);
    if (TOTAL_WORDS.has(sub)) {
      if (groupKey) return groupKey;
      continue;
    }
    // Longest tail of the group first; a candidate naming the group itself (体育+艺术专任教师) is not the column.
    for (let i = Math.max(0, group.length - MAX_TAIL); i < group.length - 1; i++) {
      const key = find(lk, sub + group.slice(i));
      if (key && key !== groupKey) return key;
    }
  }
  return TOTAL_WORDS.has(sub) ? undefined : find(lk, sub);
}
