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

/**
 * Input that can never succeed however often it is tried (a card key that does not parse, an
 * argument of the wrong kind): refused once, with one short sentence to the person, never
 * retried like a transient failure. `userMessage` is that sentence; `message` is for the log
 * and must not hold what the person typed.
 */
export class BadInputError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly userMessage: string,
  ) {
    super(code, message, 400, true);
    this.name = 'BadInputError';
  }
}

export function isBadInput(err: unknown): err is BadInputError {
  return err instanceof BadInputError;
}

/**
 * An error as one short line fit for a log or a status column: the first line only (a Prisma
 * error's later lines quote the query and its values), with long digit runs (phones) masked.
 */
export function errorLine(err: unknown, max = 300): string {
  const name = err instanceof Error ? err.name : '';
  const code = (err as { code?: unknown } | null)?.code;
  const text = errorMessage(err).split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  const head = name.startsWith('PrismaClient') ? `${name}${typeof code === 'string' ? ` ${code}` : ''}: ` : '';
  return `${head}${text}`.replace(/\d{7,}/g, (d) => `${d.slice(0, 3)}****`).slice(0, max);
}
