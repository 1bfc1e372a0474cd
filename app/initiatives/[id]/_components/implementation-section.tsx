import { useFormatter, useTranslations } from 'next-intl';
import { IMPLEMENTATION_STATUSES, type ImplementationStatus, type StateCode } from '@/lib/consensus/codes';
import type { InitiativeView } from '@/lib/services/initiatives/serialize-initiative';
import { ImplementationForm, ReviewDateForm } from './implementation-forms';
import { ChangedMark } from './live-initiative';

/**
 * Implementation of a formalized initiative: each implementing state's status in words, its note
 * and when it was reported; the review date, and "Review overdue" in text when it has passed with
 * a state not done; the form of the viewer's own state (its delegate) and the chair's review date.
 */
export function ImplementationSection({
  initiative,
  stateNames,
  ownState,
  mayReview,
}: {
  initiative: InitiativeView;
  stateNames: Record<string, string>;
  /** The viewer's state when its delegate may report for it here. */
  ownState: StateCode | null;
  mayReview: boolean;
}) {
  const t = useTranslations('Initiative');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const statusLabels = Object.fromEntries(IMPLEMENTATION_STATUSES.map((s) => [s, tc(`implementation.${s}`)])) as Record<
    ImplementationStatus,
    string
  >;
  const states = Object.keys(initiative.implementation) as StateCode[];
  const own = ownState ? initiative.implementation[ownState] : undefined;
  return (
    <section className="card stack" aria-labelledby="implementation-heading" data-testid="implementation">
      <h2 id="implementation-heading" style={{ marginTop: 0 }}>
        {t('implementation')}
      </h2>
      <p className="small muted">{t('implementationExplain')}</p>
      <p className="row small">
        {initiative.implementationStatus ? (
          <span data-testid="implementation-whole">
            {t('implementationWhole', { status: statusLabels[initiative.implementationStatus] })}
          </span>
        ) : null}
        <span data-testid="review-at">
          {initiative.reviewAt
            ? t('reviewOn', {
                date: format.dateTime(new Date(`${initiative.reviewAt}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }),
              })
            : t('noReview')}
        </span>
        {initiative.reviewOverdue ? (
          <span className="badge badge-overdue" data-testid="review-overdue" title={t('reviewOverdueExplain')}>
            {t('reviewOverdue')}
          </span>
        ) : null}
      </p>
      {initiative.reviewOverdue ? <p className="small">{t('reviewOverdueExplain')}</p> : null}
      <div className="table-scroll">
        <table className="stance-table" data-testid="implementation-table">
          <thead>
            <tr>
              <th scope="col">{t('state')}</th>
              <th scope="col">{t('implementationStatus')}</th>
              <th scope="col">{t('note')}</th>
              <th scope="col">{t('setAt')}</th>
            </tr>
          </thead>
          <tbody>
            {states.map((state) => {
              const m = initiative.implementation[state]!;
              return (
                <tr key={state} data-implementation-state={state}>
                  <th scope="row">
                    {stateNames[state]} <span className="muted">({state})</span> <ChangedMark state={state} />
                  </th>
                  <td>
                    <span className={`implementation implementation-${m.status}`} data-status={m.status}>
                      {statusLabels[m.status]}
                    </span>
                    {m.setAt ? null : <span className="small muted stance-detail">{t('notReported')}</span>}
                  </td>
                  <td className="small">{m.note ?? <span className="muted">—</span>}</td>
                  <td className="small muted">
                    {m.setAt ? (
                      <time dateTime={m.setAt}>{format.dateTime(new Date(m.setAt), { dateStyle: 'medium', timeStyle: 'short' })}</time>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {ownState && own ? (
        <div className="stack">
          <h3 style={{ margin: 0 }}>{t('yourImplementation', { state: stateNames[ownState] })}</h3>
          <ImplementationForm
            initiativeId={initiative.id}
            state={ownState}
            stateName={stateNames[ownState]}
            current={own}
            statusLabels={statusLabels}
          />
        </div>
      ) : null}
      {mayReview ? <ReviewDateForm initiativeId={initiative.id} reviewAt={initiative.reviewAt} /> : null}
    </section>
  );
}
