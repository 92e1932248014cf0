// Time is injected so rules and workers can be tested with a fixed clock.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (d) => {
      current = new Date(d);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/**
 * Local mode's clock: another clock (the system's, or a test's fixed one) plus an offset that
 * only grows. It keeps running with its base, so between jumps time passes as usual.
 */
export interface MovableClock extends Clock {
  /** Moves to `instant`; an instant before now is refused (time never runs back). */
  moveTo(instant: Date): void;
  /** How far ahead of its base clock it runs (ms): what to keep across a restart. */
  offsetMs(): number;
}

export function movableClock(base: Clock = systemClock, offsetMs = 0): MovableClock {
  let offset = offsetMs;
  const now = () => new Date(base.now().getTime() + offset);
  return {
    now,
    moveTo(instant) {
      if (instant.getTime() < now().getTime()) throw new RangeError(`cannot move the clock back to ${instant.toISOString()}`);
      offset = instant.getTime() - base.now().getTime();
    },
    offsetMs: () => offset,
  };
}
