/**
 * How long a stopping process may take before it exits anyway: under docker-compose's
 * stop_grace_period (20 s), which SIGKILLs after it. A worker and its primary keep the same one.
 */
export const SHUTDOWN_DEADLINE_MS = 15_000;
