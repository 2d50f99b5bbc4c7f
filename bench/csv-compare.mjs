import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
const path = process.argv[2];
const mode = process.argv[3];
const t0 = performance.now();
let n = 0,
  sum = 0;
if (mode === 'csv-parse') {
  const parser = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(parse({ relax_column_count: true }));
  for await (const rec of parser) {
    n++;
    sum += rec.length;
  }
} else {
  let rest = '';
  const dec = new TextDecoder();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const text = rest + dec.decode(chunk, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop();
    for (const line of lines) {
      const cells = line.split(',');
      n++;
      sum += cells.length;
    }
  }
}
console.log(
  mode,
  n,
  sum,
  ((performance.now() - t0) / 1000).toFixed(2),
  's',
  (process.memoryUsage().rss / 2 ** 20).toFixed(0),
  'MiB',
);
