// Writes schema/report.schema.json from the report's zod schema (run after `npm run build`).
// The tests check that the committed file is what this writes, and validate every JSON output against it.
import { writeFileSync } from 'node:fs';
import { reportJsonSchema } from '../dist/report/json-schema.js';

const out = new URL('./report.schema.json', import.meta.url);
writeFileSync(out, JSON.stringify(reportJsonSchema(), null, 2) + '\n');
console.log(`wrote ${out.pathname}`);

// issue 14: the JSON of `plan` and `diff`, and the scenario file `plan --scenario` reads.
const { planJsonSchemas } = await import('../dist/plan/report.js');
for (const [name, schema] of Object.entries(planJsonSchemas())) {
  const file = new URL(`./${name}.schema.json`, import.meta.url);
  writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote ${file.pathname}`);
}
