// Worker-thread entry: parse the workbook and post the rows back, or the fatal error that stopped it.
import { parentPort, workerData } from 'node:worker_threads';
import { FatalError } from '../findings.js';
import { parseWorkbook, type ParseLimits } from './workbook.js';

const { bytes, file, limits } = workerData as { bytes: Uint8Array; file: string; limits: ParseLimits };
try {
  const sheets = await parseWorkbook(bytes, file, limits);
  parentPort!.postMessage({ sheets });
} catch (e) {
  if (e instanceof FatalError) parentPort!.postMessage({ fatal: { code: e.code, params: e.params } });
  else parentPort!.postMessage({ fatal: { code: 'workbook-corrupt', params: { file, reason: String(e instanceof Error ? e.message : e).split('\n')[0] } } });
}
