// Seeded mutations of the repo's own fixtures: byte flips, chunk insert/delete/duplicate, truncation,
// integer overwrites (length fields); XML element edits inside an .xlsx (unzip, edit, re-zip with
// node:zlib); CSV line edits. One case = one seed: the same seed always gives the same bytes.
import { readFileSync } from 'node:fs';
import { mulberry32 } from '../../fixtures/common.mjs';
import { deflateRawSync } from 'node:zlib';
import { unzip, zip } from './zip.mjs';

const ROOT = new URL('../../', import.meta.url);
/** The fixtures the fuzzer starts from (path relative to the repo root). */
export const BASES = [
  'fixtures/demo-county.xlsx',
  'fixtures/quality-county.xlsx',
  'fixtures/messy/demo-utf8.csv',
  'fixtures/messy/demo-gbk.csv',
  'fixtures/messy/demo.xls',
];
const cache = new Map();
export function baseBytes(path) {
  if (!cache.has(path)) cache.set(path, readFileSync(new URL(path, ROOT)));
  return cache.get(path);
}
export const extOf = (path) => path.slice(path.lastIndexOf('.') + 1);

// ------------------------------------------------------------------ byte-level operators
const BYTE_OPS = ['flip', 'insert', 'delete', 'duplicate', 'truncate', 'overwrite-int'];
const INTS = [0, 0xffffffff, 0x7fffffff, 0x80000000, 0xffff, 0x10000, 1];

function byteMutation(buf, rand) {
  const n = (k) => Math.floor(rand() * k);
  const op = BYTE_OPS[n(BYTE_OPS.length)];
  const len = buf.length;
  switch (op) {
    case 'flip': {
      const out = Buffer.from(buf);
      const k = 1 + n(8);
      const at = [];
      for (let i = 0; i < k && len; i++) {
        const p = n(len);
        out[p] ^= 1 + n(255);
        at.push(p);
      }
      return { bytes: out, desc: `flip ${k} byte(s) at ${at.join(',')}` };
    }
    case 'insert': {
      const p = n(len + 1);
      const chunk = Buffer.from(Array.from({ length: 1 + n(64) }, () => n(256)));
      return {
        bytes: Buffer.concat([buf.subarray(0, p), chunk, buf.subarray(p)]),
        desc: `insert ${chunk.length} random bytes at ${p}`,
      };
    }
    case 'delete': {
      const p = n(len);
      const k = 1 + n(256);
      return { bytes: Buffer.concat([buf.subarray(0, p), buf.subarray(p + k)]), desc: `delete ${k} bytes at ${p}` };
    }
    case 'duplicate': {
      const a = n(len);
      const k = 1 + n(512);
      const b = n(len + 1);
      const chunk = buf.subarray(a, a + k);
      return {
        bytes: Buffer.concat([buf.subarray(0, b), chunk, buf.subarray(b)]),
        desc: `duplicate bytes ${a}+${chunk.length} at ${b}`,
      };
    }
    case 'truncate': {
      const p = n(len);
      return { bytes: Buffer.from(buf.subarray(0, p)), desc: `truncate to ${p} bytes` };
    }
    default: {
      const out = Buffer.from(buf);
      const v = INTS[n(INTS.length)];
      const p = n(Math.max(1, len - 4));
      if (len >= 4) out.writeUInt32LE(v >>> 0, p);
      return { bytes: out, desc: `overwrite uint32 ${v} at ${p}` };
    }
  }
}

// ------------------------------------------------------------------ XML edits inside an .xlsx
const XML_OPS = [
  'drop-row',
  'dup-row',
  'change-v',
  'break-tag',
  'entity',
  'sst-index',
  'cell-type',
  'cell-ref',
  'dimension',
  'doctype',
  'drop-entry',
  'rename-sheet',
  'corrupt-deflate',
  'stored',
];
const V_VALUES = ['-1', '1e308', 'abc', '', 'NaN', '99999999999999999999', '0', '-0', '1e-300', '3.5', '&#0;', ' 12 '];
const ENTITIES = [
  '&bogus;',
  '&#0;',
  '&#x1F;',
  '&amp;',
  '&lt;',
  '&#65535;',
  '&#1114112;',
  '&#xD800;',
  '&quot;',
  '&#27;[31m',
];

/** All matches of a regex as [index, text]. */
function matches(text, re) {
  const out = [];
  for (const m of text.matchAll(re)) out.push([m.index, m[0]]);
  return out;
}
const pick = (arr, rand) => arr[Math.floor(rand() * arr.length)];

function pickEntry(entries, rand) {
  const sheets = entries.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
  const sst = entries.filter((e) => e.name === 'xl/sharedStrings.xml');
  const wb = entries.filter((e) => e.name === 'xl/workbook.xml');
  const r = rand();
  if (r < 0.6 && sheets.length) return pick(sheets, rand);
  if (r < 0.75 && sst.length) return sst[0];
  if (r < 0.85 && wb.length) return wb[0];
  return pick(entries, rand);
}

function xmlMutation(buf, rand) {
  const n = (k) => Math.floor(rand() * k);
  const entries = unzip(buf);
  const op = XML_OPS[n(XML_OPS.length)];
  if (op === 'drop-entry') {
    const i = n(entries.length);
    const [gone] = entries.splice(i, 1);
    return { bytes: zip(entries), desc: `zip: drop entry ${gone.name}` };
  }
  if (op === 'stored') {
    return {
      bytes: zip(entries.map((e) => ({ ...e, method: 0 }))),
      desc: 'zip: re-zip every entry stored (no compression)',
    };
  }
  const entry =
    op === 'rename-sheet'
      ? (entries.find((e) => e.name === 'xl/workbook.xml') ?? entries[0])
      : op === 'sst-index'
        ? (entries.find((e) => /worksheets\/sheet\d+/.test(e.name)) ?? entries[0])
        : pickEntry(entries, rand);
  if (op === 'corrupt-deflate') {
    // Valid directory and CRC, garbage in the deflate stream: the inflater must fail, not loop.
    const good = Buffer.from(entries.find((e) => e === entry).data);
    const raw = Buffer.from(deflateRawSync(good));
    const k = 1 + n(4);
    for (let i = 0; i < k; i++) raw[n(raw.length)] ^= 1 + n(255);
    const cut = rand() < 0.3 ? Math.max(1, n(raw.length)) : raw.length;
    const out = entries.map((e) => (e === entry ? { ...e, raw: raw.subarray(0, cut) } : e));
    return {
      bytes: zip(out),
      desc: `zip: corrupt deflate data of ${entry.name} (${k} byte flip(s)${cut < raw.length ? `, cut to ${cut}` : ''})`,
    };
  }
  let text = entry.data.toString('utf8');
  let desc;
  switch (op) {
    case 'drop-row': {
      const rows = matches(text, /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g);
      if (!rows.length) return null;
      const [at, s] = pick(rows, rand);
      text = text.slice(0, at) + text.slice(at + s.length);
      desc = `drop ${s.slice(0, 20)}…`;
      break;
    }
    case 'dup-row': {
      const rows = matches(text, /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g);
      if (!rows.length) return null;
      const [at, s] = pick(rows, rand);
      const times = rand() < 0.2 ? 50 : 1;
      text = text.slice(0, at) + s.repeat(times + 1) + text.slice(at + s.length);
      desc = `duplicate ${s.slice(0, 20)}… ×${times}`;
      break;
    }
    case 'change-v': {
      const vs = matches(text, /<v>[^<]*<\/v>/g);
      if (!vs.length) return null;
      const [at, s] = pick(vs, rand);
      const v = pick(V_VALUES, rand);
      text = text.slice(0, at) + `<v>${v}</v>` + text.slice(at + s.length);
      desc = `${s} → <v>${v}</v>`;
      break;
    }
    case 'break-tag': {
      const tags = matches(text, /[<>]/g);
      if (!tags.length) return null;
      const [at] = pick(tags, rand);
      const how = n(3);
      text =
        how === 0
          ? text.slice(0, at) + text.slice(at + 1)
          : how === 1
            ? text.slice(0, at) + '<' + text.slice(at)
            : text.slice(0, at) + '</x>' + text.slice(at);
      desc = `break tag at ${at} (${['delete bracket', 'insert <', 'insert </x>'][how]})`;
      break;
    }
    case 'entity': {
      const spots = matches(text, /<(?:v|t)(?: [^>]*)?>/g);
      if (!spots.length) return null;
      const [at, s] = pick(spots, rand);
      const ent = pick(ENTITIES, rand);
      text = text.slice(0, at + s.length) + ent + text.slice(at + s.length);
      desc = `insert ${ent} after ${s}`;
      break;
    }
    case 'sst-index': {
      const cells = matches(text, /<c [^>]*t="s"[^>]*>\s*<v>\d+<\/v>/g);
      if (!cells.length) return null;
      const [at, s] = pick(cells, rand);
      const v = pick(['-1', '999999', '4294967296', '0', '1.5', 'x'], rand);
      const edited = s.replace(/<v>\d+<\/v>/, `<v>${v}</v>`);
      text = text.slice(0, at) + edited + text.slice(at + s.length);
      desc = `shared-string index ${s.match(/<v>(\d+)/)[1]} → ${v}`;
      break;
    }
    case 'cell-type': {
      const cells = matches(text, /<c [^>]*>/g);
      if (!cells.length) return null;
      const [at, s] = pick(cells, rand);
      const t = pick(['s', 'n', 'b', 'e', 'str', 'inlineStr', 'd', 'zz'], rand);
      const edited = /\bt="[^"]*"/.test(s) ? s.replace(/\bt="[^"]*"/, `t="${t}"`) : s.replace(/^<c /, `<c t="${t}" `);
      text = text.slice(0, at) + edited + text.slice(at + s.length);
      desc = `${s} → ${edited}`;
      break;
    }
    case 'cell-ref': {
      const refs = matches(text, /\br="[A-Z]+\d+"/g);
      if (!refs.length) return null;
      const [at, s] = pick(refs, rand);
      const r = pick(['r="A0"', 'r="XFD1048576"', 'r="ZZZZ1"', 'r="A1048577"', 'r="A1"', 'r=""', 'r="1A"'], rand);
      text = text.slice(0, at) + r + text.slice(at + s.length);
      desc = `${s} → ${r}`;
      break;
    }
    case 'dimension': {
      const ref = pick(['A1:XFD1048576', 'A1', 'Z9:A1', 'A1:A1048576', 'garbage'], rand);
      if (!/<dimension ref="[^"]*"/.test(text)) return null;
      text = text.replace(/<dimension ref="[^"]*"/, `<dimension ref="${ref}"`);
      desc = `dimension → ${ref}`;
      break;
    }
    case 'doctype': {
      const decl = text.match(/^<\?xml[^>]*\?>/)?.[0] ?? '';
      const lol =
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>';
      const body = text.slice(decl.length);
      const spot = body.search(/<(?:v|t)>/);
      text = decl + lol + (spot < 0 ? body : body.slice(0, spot + 3) + '&d;' + body.slice(spot + 3));
      desc = 'DOCTYPE with nested entities (10⁴ chars) used in a text node';
      break;
    }
    case 'rename-sheet': {
      const names = matches(text, /<sheet [^>]*name="[^"]*"/g);
      if (!names.length) return null;
      const [at, s] = pick(names, rand);
      const name = pick(['', 'Sheet1', '学校', '班级', '__proto__', 'constructor', 'a'.repeat(300)], rand);
      const edited = s.replace(/name="[^"]*"/, `name="${name}"`);
      text = text.slice(0, at) + edited + text.slice(at + s.length);
      desc = `sheet name ${s.match(/name="([^"]*)"/)[1]} → ${JSON.stringify(name.length > 20 ? `${name.slice(0, 5)}…(${name.length})` : name)}`;
      break;
    }
    default:
      return null;
  }
  const out = entries.map((e) => (e === entry ? { ...e, data: Buffer.from(text, 'utf8') } : e));
  return { bytes: zip(out), desc: `xml ${entry.name}: ${desc}` };
}

// ------------------------------------------------------------------ CSV line edits
const CSV_OPS = [
  'drop-line',
  'dup-line',
  'swap-lines',
  'quote',
  'delimiter',
  'nul',
  'cr',
  'blank-line',
  'cut-line',
  'long-cell',
  'formula',
];

function csvMutation(buf, rand) {
  const n = (k) => Math.floor(rand() * k);
  // Lines as bytes (split on LF) so that GBK text survives untouched where it is not edited.
  const lines = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0x0a) {
      lines.push(buf.subarray(start, i));
      start = i + 1;
    }
  }
  lines.push(buf.subarray(start));
  const op = CSV_OPS[n(CSV_OPS.length)];
  const i = n(lines.length);
  const line = lines[i];
  const at = n(line.length + 1);
  const put = (s) => Buffer.concat([line.subarray(0, at), Buffer.from(s, 'latin1'), line.subarray(at)]);
  let desc;
  switch (op) {
    case 'drop-line':
      lines.splice(i, 1);
      desc = `drop line ${i + 1}`;
      break;
    case 'dup-line': {
      const times = rand() < 0.2 ? 100 : 1;
      lines.splice(i, 0, ...Array(times).fill(line));
      desc = `duplicate line ${i + 1} ×${times}`;
      break;
    }
    case 'swap-lines': {
      const j = n(lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      desc = `swap lines ${i + 1} and ${j + 1}`;
      break;
    }
    case 'quote':
      lines[i] = put('"');
      desc = `insert " in line ${i + 1} at ${at}`;
      break;
    case 'delimiter': {
      const d = pick([',', ';', '\t', ',,,,'], rand);
      lines[i] = put(d);
      desc = `insert ${JSON.stringify(d)} in line ${i + 1} at ${at}`;
      break;
    }
    case 'nul':
      lines[i] = put('\0');
      desc = `insert NUL in line ${i + 1} at ${at}`;
      break;
    case 'cr':
      lines[i] = put('\r');
      desc = `insert CR in line ${i + 1} at ${at}`;
      break;
    case 'blank-line':
      lines.splice(i, 0, Buffer.alloc(0));
      desc = `blank line before ${i + 1}`;
      break;
    case 'cut-line':
      lines[i] = line.subarray(0, at);
      desc = `cut line ${i + 1} at ${at}`;
      break;
    case 'long-cell':
      lines[i] = put('x'.repeat(100_000));
      desc = `insert 100000 x in line ${i + 1} at ${at}`;
      break;
    default:
      lines[i] = put(pick(['=1+1', '+1', '-1', '@SUM(A1)', '=cmd|"/c calc"!A1'], rand));
      desc = `insert a formula in line ${i + 1} at ${at}`;
  }
  return { bytes: Buffer.concat(lines.flatMap((l, k) => (k ? [Buffer.from('\n'), l] : [l]))), desc: `csv: ${desc}` };
}

// ------------------------------------------------------------------ cases
/**
 * The case of `seed`: a base fixture and 1–3 stacked mutations. { seed, base, ext, mutations, bytes }.
 * `bases` restricts the choice (default BASES).
 */
const WEIGHTS = { xlsx: 0.3, csv: 0.1, xls: 0.2 }; // the two xlsx fixtures take 60 %

export function makeCase(seed, bases = BASES) {
  const rand = mulberry32(seed);
  rand(); // mulberry32's first draw for consecutive seeds is correlated
  let r = rand() * bases.reduce((a, b) => a + WEIGHTS[extOf(b)], 0);
  const base = bases.find((b) => (r -= WEIGHTS[extOf(b)]) < 0) ?? bases[bases.length - 1];
  const ext = extOf(base);
  let bytes = baseBytes(base);
  const mutations = [];
  const count = 1 + Math.floor(rand() * (rand() < 0.7 ? 1 : 3));
  for (let k = 0; k < count; k++) {
    let m = null;
    const r = rand();
    if (ext === 'xlsx' && r < 0.65) {
      try {
        m = xmlMutation(bytes, rand);
      } catch {
        m = null; // an earlier byte mutation broke the zip: fall back to bytes
      }
    } else if (ext === 'csv' && r < 0.7) m = csvMutation(bytes, rand);
    m ??= byteMutation(bytes, rand);
    bytes = m.bytes;
    mutations.push(m.desc);
  }
  return { seed, base, ext, mutations, bytes };
}

/** Unzip every entry and zip it again, unchanged: the baseline assessment must not move. */
export function rezip(bytes, method = 8) {
  return zip(unzip(bytes).map((e) => ({ ...e, method })));
}
