import { database } from './client';
import { tables } from './schema';
import { PARTNER_ROWS, STATE_ROWS, TOPIC_ROWS } from '../lib/reference/seed-data';

/** Inserts the reference lists that are missing; never changes existing rows. */
export async function seedReferenceData(): Promise<void> {
  await database().transaction(async (tx) => {
    await tx.orm
      .insert(tables.states)
      .values([...STATE_ROWS])
      .onConflictDoNothing();
    await tx.orm
      .insert(tables.partners)
      .values([...PARTNER_ROWS])
      .onConflictDoNothing();
    await tx.orm
      .insert(tables.topics)
      .values([...TOPIC_ROWS])
      .onConflictDoNothing();
  });
}
