// What the bench reads of a process from Linux /proc, in one place for the bench and its helper processes.
import { readFileSync } from 'node:fs';

/**
 * The peak RSS of a process so far in MB (VmHWM, which starts afresh at exec), or 0 where /proc does not tell.
 * getrusage's maxRSS is no substitute for a spawned process: on Linux it keeps its spawner's high-water mark.
 */
export function peakRssMb(pid: number | 'self'): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}
