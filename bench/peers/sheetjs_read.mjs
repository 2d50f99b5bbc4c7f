// Peer: SheetJS alone, the lean way (dense, no cell text or HTML), reading every sheet to arrays.
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';

const wb = XLSX.read(readFileSync(process.argv[2]), { type: 'buffer', dense: true, cellText: false, cellHTML: false });
let n = 0;
for (const name of wb.SheetNames) n += XLSX.utils.sheet_to_json(wb.Sheets[name], { header: 1, raw: true }).length;
console.log(n);
