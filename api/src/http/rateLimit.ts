import type { Context, Next } from 'koa';
import { tooManyRequests } from '@kbs/core';
import { principalOf } from '../access/principal';

/**
 * Fixed-window counters: at most `limit` events per `windowMs` for each key. In-process on purpose —
 * a per-instance limit needs no shared store, and with N instances behind a balancer the effective
 * limit is N × this (the balancer's own limits are the place for an exact global one).
 */
export class WindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(readonly limit: number, readonly windowMs: number, private readonly maxKeys = 100_000) {}

  /** Counts one event; returns the seconds to wait when the key is over its limit, else 0. */
  hit(key: string, now = Date.now()): number {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (!window && this.windows.size >= this.maxKeys) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count > this.limit ? Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) : 0;
  }

  remaining(key: string): number {
    return Math.max(0, this.limit - (this.windows.get(key)?.count ?? 0));
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
    // Still full (an attack from many addresses): forget the oldest half rather than grow without bound.
    if (this.windows.size >= this.maxKeys) [...this.windows.keys()].slice(0, this.maxKeys / 2).forEach((k) => this.windows.delete(k));
  }
}

/** Requests per minute per API key (or signed-in user), else per address; 429 with Retry-After beyond it. */
export function rateLimit(perMinute: number) {
  const counter = new WindowCounter(perMinute, 60_000);
  return async (ctx: Context, next: Next) => {
    if (perMinute <= 0) return next();
    const principal = principalOf(ctx);
    const key = principal.kind === 'anonymous' ? `ip:${ctx.ip}` : principal.actor;
    const wait = counter.hit(key);
    ctx.set('RateLimit-Limit', String(perMinute));
    ctx.set('RateLimit-Remaining', String(counter.remaining(key)));
    if (wait) throw tooManyRequests(`More than ${perMinute} requests a minute from ${principal.kind === 'anonymous' ? 'this address' : 'this caller'}; try again in ${wait} s.`, wait);
    await next();
  };
}
