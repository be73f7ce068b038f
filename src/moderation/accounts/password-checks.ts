import { HttpStatus, Injectable } from '@nestjs/common';
import { tooMany } from '../../rate-limits/rate-limits.js';
import { passwordMatches } from './passwords.js';

/** Each check takes 128 MiB and a core for about 0.6 s: two at once per process, as many cores as a small host has. */
export const MAX_RUNNING_CHECKS = 2;
/** Beyond these waiting behind them, a sign-in is refused at once instead of holding memory and a connection. */
export const MAX_WAITING_CHECKS = 8;
const BUSY = 'Too many sign-ins at once.';

/**
 * Password checks, a few at a time: a flood of sign-ins from many addresses (which the per-address
 * limits do not stop) would otherwise run hundreds of scrypt hashes at once and exhaust memory.
 */
@Injectable()
export class PasswordChecks {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  /** Whether `password` matches `stored`; 503 with Retry-After when too many checks are already queued. */
  async matches(password: string, stored: string): Promise<boolean> {
    if (this.running >= MAX_RUNNING_CHECKS) {
      if (this.waiting.length >= MAX_WAITING_CHECKS) throw tooMany(BUSY, 1_000, HttpStatus.SERVICE_UNAVAILABLE);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await passwordMatches(password, stored);
    } finally {
      // The slot passes straight to the next waiter, so `running` never drops below what is running.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
