import { z } from 'zod';
import { Report, SCHEMA_VERSION } from './schema.js';

/** The JSON Schema of the report, generated from its zod schema (one schema, many uses). */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://balance-check.invalid/schema/report-v${SCHEMA_VERSION}.json`,
    title: 'balance-check report',
    ...z.toJSONSchema(Report, { target: 'draft-2020-12', unrepresentable: 'any' }),
  };
}
