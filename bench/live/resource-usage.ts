/**
 * What the live benchmark reads about processes and the machine, from Linux's /proc. The server is
 * the bench's own child, so no agent inside it is needed; elsewhere every reading is NaN and the
 * report says n/a.
 */
import { readFileSync } from 'node:fs';

/** USER_HZ: what /proc counts CPU time in; 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Resident memory of a process in KiB, from Linux's /proc; NaN elsewhere. */
export function rssKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}

/**
 * CPU time (user + system) a process has used, in ms, from Linux's /proc; NaN elsewhere. With the
 * viewers on the same two cores, a delivery rate alone cannot tell whose work limited it.
 */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name, which may itself hold spaces: [0] is field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** CPU time all cores spent busy (not idle, not waiting for I/O), in ms, from Linux's /proc; NaN elsewhere. */
export function machineBusyMs(): number {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal: guest time is already counted in user.
    const busy = ticks.slice(0, 8).reduce((sum, n) => sum + n, 0) - ticks[3] - ticks[4];
    return (busy * 1_000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) this process has used, in ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1_000;
}
