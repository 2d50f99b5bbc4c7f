// Deletions and corruptions of a generated county, applied to its sheets (arrays of rows) before
// they are written: what a clerk does to a template by hand. An edit is a plain record of small
// natural numbers ({ kind, s, r, c, x }) resolved modulo the sheet's size, so that fast-check can
// generate and shrink it and a failure prints as something one can re-apply.
export const EDIT_KINDS = [
  'delete-row', // one row (the header too, sometimes)
  'delete-data-rows', // every row under the header: a header-only sheet
  'delete-school-classes', // the 班级 rows of one school: classes for some schools only
  'delete-sheet',
  'delete-column',
  'blank-column', // every value of a column blank, the header kept
  'blank-cell',
  'corrupt-cell', // a number → text, negative, huge, zero, fraction, formula text, whitespace
  'rename-header',
  'duplicate-row',
  'duplicate-column', // the same header twice, with conflicting values
  'rename-sheet',
];

const CORRUPTIONS = ['text', 'negative', 'huge', 'blank', 'zero', 'fraction', 'formula', 'space', 'nan', 'tiny'];

function corrupt(v, x) {
  const n = typeof v === 'number' ? v : Number(v) || 7;
  switch (CORRUPTIONS[x % CORRUPTIONS.length]) {
    case 'text':
      return ['abc', '十二', '一千', 'N/A', '—'][x % 5];
    case 'negative':
      return -Math.abs(n) || -1;
    case 'huge':
      return [1e15, 9.99e307, 2 ** 53 + 1, 1e9][x % 4];
    case 'blank':
      return null;
    case 'zero':
      return 0;
    case 'fraction':
      return n + 0.37;
    case 'formula':
      return '=SUM(A1:A3)';
    case 'space':
      return ' ';
    case 'nan':
      return ['NaN', 'Infinity', '-0', '1e400'][x % 4];
    case 'tiny':
      return 1e-9;
    default:
      return v;
  }
}

/** Applies one edit in place; returns a one-line description (or 'no-op'). */
export function applyEdit(sheets, e) {
  const kind = EDIT_KINDS[e.kind % EDIT_KINDS.length];
  if (kind === 'delete-school-classes') {
    const schools = sheets.find((s) => s.name === '学校');
    const classes = sheets.find((s) => s.name === '班级');
    if (!schools || !classes || schools.rows.length < 2) return 'no-op';
    const codeCol = schools.rows[0].indexOf('学校代码');
    const code = codeCol < 0 ? undefined : schools.rows[1 + (e.r % (schools.rows.length - 1))][codeCol];
    const before = classes.rows.length;
    classes.rows = classes.rows.filter((row, i) => i === 0 || row[0] !== code);
    return `delete-school-classes ${code} (${before - classes.rows.length} rows)`;
  }
  if (!sheets.length) return 'no-op';
  const sheet = sheets[e.s % sheets.length];
  const rows = sheet.rows;
  const width = Math.max(1, ...rows.map((r) => r.length));
  const c = e.c % width;
  // Data rows mostly; the header only where the kind says so.
  const dataRow = rows.length > 1 ? 1 + (e.r % (rows.length - 1)) : 0;
  const where = `${sheet.name}!R${dataRow + 1}C${c + 1}`;
  switch (kind) {
    case 'delete-row': {
      if (!rows.length) return 'no-op';
      const r = e.x % 10 === 0 ? 0 : dataRow;
      rows.splice(r, 1);
      return `delete-row ${sheet.name} row ${r + 1}`;
    }
    case 'delete-data-rows':
      sheet.rows = rows.slice(0, 1);
      return `delete-data-rows ${sheet.name} (${rows.length - 1} rows)`;
    case 'delete-sheet':
      sheets.splice(sheets.indexOf(sheet), 1);
      return `delete-sheet ${sheet.name}`;
    case 'delete-column': {
      const header = rows[0]?.[c];
      for (const row of rows) row.splice(c, 1);
      return `delete-column ${sheet.name} ${header}`;
    }
    case 'blank-column': {
      for (const row of rows.slice(1)) if (c < row.length) row[c] = null;
      return `blank-column ${sheet.name} ${rows[0]?.[c]}`;
    }
    case 'blank-cell':
      if (!rows[dataRow]) return 'no-op';
      rows[dataRow][c] = null;
      return `blank-cell ${where} (${rows[0]?.[c]})`;
    case 'corrupt-cell': {
      if (!rows[dataRow]) return 'no-op';
      const before = rows[dataRow][c];
      rows[dataRow][c] = corrupt(before, e.x);
      return `corrupt-cell ${where} (${rows[0]?.[c]}) ${JSON.stringify(before)} → ${JSON.stringify(rows[dataRow][c])}`;
    }
    case 'rename-header': {
      if (!rows[0]) return 'no-op';
      const before = rows[0][c];
      const others = rows[0].filter((h, i) => i !== c && h);
      const names = [`${before}X`, '', others[e.x % Math.max(1, others.length)] ?? 'X', '备注', `${before}(万元)`];
      rows[0][c] = names[e.x % names.length];
      return `rename-header ${sheet.name} ${JSON.stringify(before)} → ${JSON.stringify(rows[0][c])}`;
    }
    case 'duplicate-row':
      if (!rows[dataRow]) return 'no-op';
      rows.splice(dataRow, 0, [...rows[dataRow]]);
      return `duplicate-row ${sheet.name} row ${dataRow + 1}`;
    case 'duplicate-column': {
      const header = rows[0]?.[c];
      rows.forEach((row, i) => {
        const v = row[c];
        row.push(i === 0 ? v : typeof v === 'number' ? v * 2 + 1 : v);
      });
      return `duplicate-column ${sheet.name} ${header} (conflicting values)`;
    }
    case 'rename-sheet': {
      const before = sheet.name;
      const names = ['Sheet1', '学校信息', '班级表', '县域', '示例'];
      const name = names[e.x % names.length];
      if (sheets.some((s) => s.name === name)) return 'no-op';
      sheet.name = name;
      return `rename-sheet ${before} → ${name}`;
    }
    default:
      return 'no-op';
  }
}
