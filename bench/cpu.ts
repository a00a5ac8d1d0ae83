// CPU time per request during a measurement: the server process (API or peer) and PostgreSQL's
// processes, read from /proc (Linux, database on this machine; elsewhere the figures are left
// out). Clock ticks are 10 ms, so a measurement of a few seconds resolves well under 0.1 ms per
// request.
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ = 100 on Linux

export interface CpuPerRequest {
  /** ms of CPU of the server process per request. */
  server: number;
  /** ms of CPU of PostgreSQL (every process of the cluster) per request. */
  database: number;
}

interface Snapshot {
  server: number;
  database: Map<number, number>;
}

/** The parent pid and the CPU ticks (user + system) of a process, or null if unreadable. */
function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

export class CpuMeter {
  private constructor(private readonly postmaster: number | null) {}

  /** `backendPid`: pg_backend_pid() of any connection to the cluster; its parent is the postmaster. */
  static forCluster(backendPid: number): CpuMeter {
    const backend = stat(backendPid);
    return new CpuMeter(backend ? backend.ppid : null);
  }

  private snapshot(serverPid: number): Snapshot | null {
    const server = stat(serverPid);
    if (!server || this.postmaster === null) return null;
    const database = new Map<number, number>();
    const postmaster = stat(this.postmaster);
    if (postmaster) database.set(this.postmaster, postmaster.ticks);
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      const child = stat(pid);
      if (child?.ppid === this.postmaster) database.set(pid, child.ticks);
    }
    return { server: server.ticks, database };
  }

  /** Runs `work` and returns what it returns, with the CPU per request it cost (if readable). */
  async measure<T extends { requests: number }>(
    serverPid: number,
    work: () => Promise<T>,
  ): Promise<T & { cpu?: CpuPerRequest }> {
    const before = this.snapshot(serverPid);
    const result = await work();
    const after = this.snapshot(serverPid);
    if (!before || !after || result.requests === 0) return result;
    let database = 0;
    // Backends that started during the measurement count from zero.
    for (const [pid, ticks] of after.database) database += ticks - (before.database.get(pid) ?? 0);
    const perRequest = (ticks: number) => (ticks * TICK_MS) / result.requests;
    return {
      ...result,
      cpu: { server: perRequest(after.server - before.server), database: perRequest(database) },
    };
  }
}
