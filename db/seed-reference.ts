import { sqlite } from './client';
import { PARTNER_ROWS, STATE_ROWS, TOPIC_ROWS } from '../lib/reference/seed-data';

/** Inserts the reference lists that are missing; never changes existing rows. */
export function seedReferenceData(): void {
  const connection = sqlite();
  connection.transaction(() => {
    const state = connection.prepare('INSERT OR IGNORE INTO states (code, name_en, name_ru, sort) VALUES (@code, @nameEn, @nameRu, @sort)');
    for (const row of STATE_ROWS) state.run(row);
    const partner = connection.prepare('INSERT OR IGNORE INTO partners (code, name_en, name_ru) VALUES (@code, @nameEn, @nameRu)');
    for (const row of PARTNER_ROWS) partner.run(row);
    const topic = connection.prepare('INSERT OR IGNORE INTO topics (slug, name_en, name_ru) VALUES (@slug, @nameEn, @nameRu)');
    for (const row of TOPIC_ROWS) topic.run(row);
  })();
}
