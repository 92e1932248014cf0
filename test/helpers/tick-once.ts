// One scheduler tick in a process of its own, against DATABASE_URL at the instant TICK_AT:
// a second instance for tests of two instances ticking at once.
import { createTick } from '../../src/jobs/tick.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { connectDb } from '../../src/repositories/prisma.ts';
import { Outbound } from '../../src/services/outbound.ts';

const db = await connectDb(process.env.DATABASE_URL!);
const clock = fixedClock(process.env.TICK_AT!);
await createTick({ db, clock, outbound: new Outbound(db, clock), logger: createLogger('silent') })();
await db.$disconnect();
