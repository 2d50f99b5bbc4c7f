// The reading limits a command's options ask for (--encoding, --max-file-size MB, --max-rows, --max-sheets,
// --timeout s, --max-memory MiB), in ReadOptions' units. One place for the assessment, plan and diff.
import type { ReadOptions } from './index.js';

export interface ReadLimitFlags {
  encoding?: ReadOptions['encoding'];
  maxFileSize?: number;
  maxRows?: number;
  maxSheets?: number;
  timeout?: number;
  maxMemory?: number;
}

const MB = 2 ** 20;

export function readOptionsOf(opts: ReadLimitFlags): ReadOptions {
  return {
    encoding: opts.encoding,
    maxFileBytes: opts.maxFileSize && opts.maxFileSize * MB,
    maxRows: opts.maxRows,
    maxSheets: opts.maxSheets,
    timeoutMs: opts.timeout && opts.timeout * 1000,
    maxHeapMb: opts.maxMemory,
    // The memory budget also bounds what a workbook may unpack to.
    ...(opts.maxMemory ? { maxUncompressedBytes: opts.maxMemory * MB } : {}),
  };
}
