// Coded errors. `status` is the HTTP answer; `expose` says whether the message may be shown
// to the caller (anything not exposed is answered with a generic sentence).
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
    readonly expose = false,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A request the platform (or a forger) sent that we refuse; nothing is stored. */
export function rejectRequest(code: string, status: number, message: string): AppError {
  return new AppError(code, message, status, true);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
