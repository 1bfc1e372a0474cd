import { ClientMessages } from '@/components/client-messages';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { isFacilitator } from '@/lib/access/rules';
import { requireViewer } from '@/lib/auth/current';
import { referenceNames } from '@/lib/reference/names';
import { listParticipants } from '@/lib/services/participants/directory';
import { listInvites } from '@/lib/services/participants/invites';
import { ActionButton } from '@/components/action-button';
import { setAccountDisabledAction } from './actions';
import { DelegationForm } from './delegation-form';
import { InviteForm } from './invite-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Facilitation'))('title') };
}

export default async function FacilitationPage() {
  const viewer = await requireViewer();
  if (!isFacilitator(viewer)) notFound();
  const t = await getTranslations('Facilitation');
  const tc = await getTranslations('Common');
  const format = await getFormatter();
  const names = await referenceNames(await getLocale());
  const invites = await listInvites(viewer);
  const participants = await listParticipants(viewer, { includeDisabled: true });
  return (
    <ClientMessages namespaces={['Facilitation']}>
      <div className="stack">
        <h1>{t('title')}</h1>
        <p className="muted">{t('lead')}</p>
        <nav className="row" aria-label={t('moderationLinks')}>
          <Link href="/facilitation/reports">{t('reportsLink')}</Link>
          <Link href="/facilitation/audit">{t('auditLink')}</Link>
        </nav>
        <section className="card stack" aria-labelledby="invites-heading">
          <h2 id="invites-heading" style={{ marginTop: 0 }}>
            {t('invites')}
          </h2>
          <InviteForm
            states={names.states}
            partners={names.partners}
            affiliations={Object.fromEntries((['expert', 'civil_society', 'observer'] as const).map((a) => [a, tc(`affiliation.${a}`)]))}
          />
          <div className="table-scroll">
            <table className="stance-table small">
              <thead>
                <tr>
                  <th scope="col">{t('state')}</th>
                  <th scope="col">{t('created')}</th>
                  <th scope="col">{t('expires')}</th>
                  <th scope="col">{t('usedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {invites.map((invite) => (
                  <tr key={invite.id}>
                    <td>
                      {invite.state
                        ? names.states[invite.state]
                        : invite.partner
                          ? `+${invite.partner}`
                          : tc(`affiliation.${invite.affiliation as 'expert'}`)}
                    </td>
                    <td>{format.dateTime(new Date(invite.createdAt), { dateStyle: 'medium' })}</td>
                    <td>{format.dateTime(new Date(invite.expiresAt), { dateStyle: 'medium' })}</td>
                    <td>{invite.usedBy ?? t('unused')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section className="card stack" aria-labelledby="participants-heading">
          <h2 id="participants-heading" style={{ marginTop: 0 }}>
            {t('participants')}
          </h2>
          <div className="table-scroll">
            <table className="stance-table small">
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('affiliation')}</th>
                  <th scope="col">{t('delegation')}</th>
                  <th scope="col">{t('account')}</th>
                </tr>
              </thead>
              <tbody>
                {participants.map((p) => (
                  <tr key={p.id} data-testid={`participant-${p.id}`}>
                    <th scope="row">
                      {p.name}
                      <br />
                      <span className="muted">{p.email}</span>
                    </th>
                    <td>
                      {tc(`affiliation.${p.affiliation}`)}
                      {p.role === 'facilitator' ? ` · ${tc('role.facilitator')}` : ''}
                    </td>
                    <td>
                      {p.role === 'facilitator' ? (
                        '—'
                      ) : (
                        <DelegationForm
                          participantId={p.id}
                          current={p.state}
                          currentPartner={p.partner}
                          states={names.states}
                          partners={names.partners}
                          label={p.name}
                        />
                      )}
                    </td>
                    <td>
                      {p.id === viewer.id ? (
                        '—'
                      ) : (
                        <div className="row">
                          {p.disabled ? <span className="badge">{t('accountDisabled')}</span> : null}
                          <ActionButton
                            action={setAccountDisabledAction.bind(null, p.id, !p.disabled)}
                            variant={p.disabled ? 'secondary' : 'danger'}
                            confirm={p.disabled ? undefined : t('disableConfirm', { name: p.name })}
                            testId={`account-${p.id}`}
                          >
                            {p.disabled ? t('enable') : t('disable')}
                            <span className="visually-hidden"> {p.name}</span>
                          </ActionButton>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </ClientMessages>
  );
}
