// The committed JSON Schema of the report (schema/report.schema.json), compiled once with Ajv.
import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

/** null when `json` validates, else the first errors as one line. */
export function schemaErrors(json) {
  if (validate(json)) return null;
  return JSON.stringify(validate.errors?.slice(0, 3));
}
