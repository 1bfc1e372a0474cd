import type { Position } from '@/lib/consensus/codes';

/** The mark of each stance, beside its colour and its word (the matrix's CSS draws the same marks). */
export const STANCE_ICONS: Record<Position, string> = { endorse: '✓', reservation: '!', step_aside: '↷', pending: '…' };
