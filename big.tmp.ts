import { hash } from '@node-rs/argon2';
import { withMigratedDatabase } from './bench/lib/database';
import { generateDataset } from './bench/lib/dataset';
import { rebuildDashboardTotals } from './lib/services/dashboard/totals';
const passwordHash = await hash('bench-password-123');
withMigratedDatabase('/tmp/chk/big.db', (db) => { generateDataset(db, { initiatives: 10000, events: 200000, passwordHash }); rebuildDashboardTotals(); });
