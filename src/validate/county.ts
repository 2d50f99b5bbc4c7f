// Sheet 县域指标: item names matched to the profile's county items, values parsed by the item's kind.
import { finding, type RawFinding } from '../findings.js';
import type { Cell } from '../read/index.js';
import { rowCells, rowValues, type MappedTable } from '../map/index.js';
import { ITEM_PREFIX } from '../map/columns.js';
import type { CountyItem, Profile } from '../profiles/schema.js';
import type { Source } from './schemas.js';
import { cellAt } from './locate.js';

export interface CountyItemValue {
  county?: string;
  itemId: string;
  value: number | boolean;
  source: Source;
  /** Key of the cell in source (`value` in the long form, `item:<header>` in the wide form). */
  key: string;
}

const normalise = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s、，,()（）《》<>\-—:：/·.．_"'“”]/g, '')
    .toLowerCase();

export function itemMatcher(profile: Profile): (name: string) => CountyItem | undefined {
  const lookup = new Map<string, CountyItem>();
  for (const item of profile.countyItems) {
    if (item.kind === 'computed') continue;
    for (const n of [item.name.zh, item.name.en, item.id, ...item.aliases]) lookup.set(normalise(n), item);
  }
  return (name) => lookup.get(normalise(name));
}

const YES = new Set(['是', '符合', '达标', '已达到', '有', 'yes', 'y', 'true', '✓', '√']);
const NO = new Set(['否', '不符合', '未达标', '未达到', '无', 'no', 'n', 'false', '✗', '×']);
const LEVELS: Record<string, number> = {
  ⅰ: 1,
  ⅱ: 2,
  ⅲ: 3,
  ⅳ: 4,
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
};

/** A cell as the item's kind wants it, or undefined when it cannot be read. */
export function parseItemValue(item: CountyItem, v: Cell): number | boolean | undefined {
  if (typeof v === 'boolean') return v;
  const text = typeof v === 'string' ? v.normalize('NFKC').trim().toLowerCase() : undefined;
  if (text !== undefined && YES.has(text)) return true;
  if (text !== undefined && NO.has(text)) return false;
  if (item.kind === 'yes') return undefined;
  if (item.unit === 'level' && text !== undefined) {
    const m = /^(?:水平)?([ⅰⅱⅲⅳ]|iv|i{1,3}|[一二三四]|[1-4])(?:级|等)?$/.exec(text.replace(/\s/g, ''));
    if (m) return LEVELS[m[1]!] ?? Number(m[1]);
  }
  let n: number | undefined;
  let percentSign = false;
  if (typeof v === 'number') n = v;
  else if (text !== undefined) {
    const m = /^([+-]?\d+(?:\.\d+)?)\s*(%)?$/.exec(text.replace(/,/g, ''));
    if (m) {
      n = Number(m[1]);
      percentSign = m[2] === '%';
    }
  }
  if (n === undefined || !Number.isFinite(n)) return undefined;
  // 96.5% and 96.5 are both 0.965; a number up to 1 is already a fraction (Excel's percent cells).
  if (item.unit === 'percent' && (percentSign || n > 1)) return n / 100;
  return n;
}

/** `given`: value cells filled in (read or not); 0 for a sheet of item names only. */
export function validateCountyItems(
  tables: MappedTable[],
  profile: Profile,
): { items: CountyItemValue[]; findings: RawFinding[]; given: number } {
  const match = itemMatcher(profile);
  const items: CountyItemValue[] = [];
  const findings: RawFinding[] = [];
  const seen = new Map<string, number>();
  let given = 0;
  // A standard without county items (basic-2012) has no use for the sheet.
  if (profile.countyItems.length === 0) return { items, findings, given };
  for (const table of tables.filter((t) => t.kind === 'county')) {
    const columns = Object.fromEntries(table.columns.map((c) => [c.key, { letter: c.letter, header: c.header }]));
    const long = table.columns.some((c) => c.key === 'item');
    for (const row of table.rows) {
      const raw = rowCells(row, table.columns);
      const source: Source = { file: table.file, sheet: table.sheet, row: row.row, columns, raw };
      const values = rowValues(row, table.columns);
      const county =
        typeof values.county === 'string' ? values.county : values.county != null ? String(values.county) : undefined;
      const cells: { name: string; key: string }[] = long
        ? typeof values.item === 'string'
          ? [{ name: values.item, key: 'value' }]
          : []
        : table.columns
            .filter((c) => c.key.startsWith(ITEM_PREFIX))
            .map((c) => ({ name: c.key.slice(ITEM_PREFIX.length), key: c.key }));
      for (const { name, key } of cells) {
        const item = match(name);
        const at = cellAt(source, key === 'value' ? 'item' : key, 'county');
        if (!item) {
          if (key === 'value' || row === table.rows[0])
            findings.push(finding('unknown-county-item', 'warning', at, { value: name }));
          continue;
        }
        const cell = values[key] ?? null;
        if (cell === null) continue; // not given: the item is "not assessed"
        given++;
        const value = parseItemValue(item, cell);
        if (value === undefined) {
          findings.push(
            finding('invalid-item-value', 'error', cellAt(source, key, 'county'), {
              value: raw[key],
              params: { item: item.name.zh, expected: expected(item) },
            }),
          );
          continue;
        }
        const dupKey = `${county ?? ''}\u0000${item.id}`;
        if (seen.has(dupKey)) {
          findings.push(
            finding('duplicate-item', 'error', at, { value: name, params: { firstRow: seen.get(dupKey)! } }),
          );
          continue;
        }
        seen.set(dupKey, row.row);
        items.push({ ...(county ? { county } : {}), itemId: item.id, value, source, key });
      }
    }
  }
  return { items, findings, given };
}

/** A label key (expected.*) for the message: what the cell should hold. */
function expected(item: CountyItem): string {
  if (item.kind === 'yes') return 'yes';
  return item.unit === 'percent' || item.unit === 'level' ? item.unit : 'number';
}
