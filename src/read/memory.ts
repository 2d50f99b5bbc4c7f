// One memory budget for the whole process: the parsing worker's heap limit and the resident size checked
// in-process at stage boundaries and inside reading loops, so a hostile file ends with a message, not the
// OOM killer.
import { totalmem } from 'node:os';
import { FatalError } from '../findings.js';

/** Default budget in MiB: 40 % of the machine's memory, at most 2 GiB, at least 256 MiB. */
export function defaultMemoryMb(): number {
  return Math.max(256, Math.min(2048, Math.floor((totalmem() * 0.4) / 2 ** 20)));
}

/** Throws memory-over-budget (naming --max-memory) when the process's resident size is over the budget. */
export function checkMemory(file: string, budgetMb: number = defaultMemoryMb()): void {
  if (process.memoryUsage.rss() > budgetMb * 2 ** 20)
    throw new FatalError('memory-over-budget', { file, limit: budgetMb });
}
