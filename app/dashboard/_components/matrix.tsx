import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { FormatLabel, StatusBadge } from '@/components/badges';
import { StanceMark } from '@/components/stance-mark';
import { CA_STATES } from '@/lib/consensus/codes';
import type { InitiativeView } from '@/lib/services/initiatives/serialize-initiative';

/** Initiatives × the five states: each cell the stance, by icon, colour and text. */
export function ConsensusMatrix({
  items,
  names,
  focusHref,
}: {
  items: InitiativeView[];
  names: { states: Record<string, string>; topics: Record<string, string> };
  focusHref: (id: number) => string;
}) {
  const t = useTranslations('Dashboard');
  return (
    <div className="table-scroll">
      <table className="matrix" data-testid="matrix">
        <caption className="visually-hidden">{t('matrixCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('initiative')}</th>
            <th scope="col">{t('statusAndFormat')}</th>
            {CA_STATES.map((s) => (
              <th key={s} scope="col" className="state-col">
                <abbr title={names.states[s]}>{s}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-row={item.id}>
              <th scope="row">
                <Link href={`/initiatives/${item.id}`}>{item.title}</Link>
                <span className="small muted block">
                  {names.topics[item.topic] ?? item.topic} · <Link href={focusHref(item.id)}>{t('showOnMap')}</Link>
                </span>
              </th>
              <td>
                <StatusBadge status={item.status} />
                <span className="block small">
                  <FormatLabel label={item.label} />
                </span>
              </td>
              {CA_STATES.map((s) => {
                const stance = item.stances[s];
                return (
                  <td key={s} data-cell={`${item.id}:${s}`} className="state-col">
                    {stance ? (
                      <StanceMark position={stance.position} compact />
                    ) : (
                      <span className="muted" aria-label={t('notTakingPart')}>
                        —
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
