import { useTranslations } from 'next-intl';
import type { Position } from '@/lib/consensus/codes';
import { STANCE_ICONS } from './stance-icons';

/** A stance by icon, colour and text, so it reads without colour and to screen readers. */
export function StanceMark({ position, compact = false }: { position: Position; compact?: boolean }) {
  const t = useTranslations('Common');
  return (
    <span className={`stance stance-${position}`} data-position={position}>
      <span className="stance-icon" aria-hidden="true">
        {STANCE_ICONS[position]}
      </span>
      {compact ? <span className="visually-hidden">{t(`position.${position}`)}</span> : t(`position.${position}`)}
    </span>
  );
}
