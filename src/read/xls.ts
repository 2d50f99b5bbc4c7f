// What our own reader does not read goes to SheetJS in a worker thread, always, so the time limit and the
// memory budget hold for every file: .xls (BIFF in a compound file, its structure checked first by
// cfb.ts) and zips that hold no SpreadsheetML workbook (.xlsb, .ods).
import { Worker } from 'node:worker_threads';
import { FatalError, type RawFinding } from '../findings.js';
import { checkCfb } from './cfb.js';
import { checkMemory } from './memory.js';
import { embeddedWorker } from './xls-worker-source.js';
import type { RawSheet, RawWorkbook } from './index.js';

export interface XlsLimits {
  maxRows: number;
  maxSheets: number;
  timeoutMs: number;
  maxHeapMb: number;
}

/** What the worker posts back. */
export interface XlsResult {
  sheets?: RawSheet[];
  findings?: RawFinding[];
  fatal?: { code: FatalError['code']; params: Record<string, string | number> };
}

export async function readWithSheetJs(
  bytes: Uint8Array,
  file: string,
  format: 'xls' | 'xlsx',
  limits: XlsLimits,
): Promise<RawWorkbook> {
  if (format === 'xls') checkCfb(bytes, file);
  const { sheets, findings } = await inWorker(bytes, file, limits);
  checkMemory(file, limits.maxHeapMb);
  return { file, format, sheets, ...(findings.length ? { findings } : {}) };
}

function workerUrl(): URL {
  const here = import.meta.url;
  // src/ under vitest; a chunk of the esbuild bundle in dist/bundle/ (scripts/bundle.mjs); tsc's dist/read/.
  if (here.endsWith('.ts')) return new URL('../../dist/read/xls-worker.js', here);
  if (here.endsWith('.mjs')) return new URL('../read/xls-worker.js', here);
  return new URL('./xls-worker.js', here);
}

function inWorker(
  bytes: Uint8Array,
  file: string,
  limits: XlsLimits,
): Promise<{ sheets: RawSheet[]; findings: RawFinding[] }> {
  return new Promise((resolve, reject) => {
    // The single executable has no files beside it: it starts the worker from its bundled source.
    const source = embeddedWorker();
    const worker = new Worker(source ?? workerUrl(), {
      eval: source !== undefined,
      workerData: { bytes, file, limits: { maxRows: limits.maxRows, maxSheets: limits.maxSheets } },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(new FatalError('workbook-timeout', { file, seconds: Math.round(limits.timeoutMs / 1000) })),
        ),
      limits.timeoutMs,
    );
    worker.on('message', (m: XlsResult) =>
      settle(() =>
        m.fatal
          ? reject(new FatalError(m.fatal.code, m.fatal.params))
          : resolve({ sheets: m.sheets ?? [], findings: m.findings ?? [] }),
      ),
    );
    worker.on('error', (e: Error & { code?: string }) =>
      settle(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new FatalError('memory-over-budget', { file, limit: limits.maxHeapMb })
            : new FatalError('workbook-corrupt', { file, reason: 'parser-failed' }),
        ),
      ),
    );
    worker.on('exit', () =>
      settle(() => reject(new FatalError('workbook-corrupt', { file, reason: 'parser-failed' }))),
    );
  });
}
