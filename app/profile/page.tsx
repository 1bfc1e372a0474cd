import { ClientMessages } from '@/components/client-messages';
import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { requireViewer } from '@/lib/auth/current';
import { referenceNames } from '@/lib/reference/names';
import { listApiTokens } from '@/lib/services/participants/api-tokens';
import { revokeTokenAction } from './actions';
import { CreateTokenForm } from './create-token-form';
import { NotificationSettingsForm } from './notification-settings-form';
import { readEnv } from '@/lib/env';
import { notificationSettings } from '@/lib/services/notifications/inbox';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Profile'))('title') };
}

export default async function ProfilePage() {
  const viewer = await requireViewer();
  const t = await getTranslations('Profile');
  const tc = await getTranslations('Common');
  const format = await getFormatter();
  const names = await referenceNames(await getLocale());
  const [tokens, settings] = await Promise.all([listApiTokens(viewer), notificationSettings(viewer)]);
  const tn = await getTranslations('Notifications');
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' });
  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <section className="card">
        <dl className="facts">
          <dt>{t('name')}</dt>
          <dd style={{ margin: 0 }}>{viewer.name}</dd>
          <dt>{t('email')}</dt>
          <dd style={{ margin: 0 }}>{viewer.email}</dd>
          <dt>{t('affiliation')}</dt>
          <dd style={{ margin: 0 }}>{tc(`affiliation.${viewer.affiliation}`)}</dd>
          <dt>{t('organization')}</dt>
          <dd style={{ margin: 0 }}>{viewer.organization ?? '—'}</dd>
          <dt>{t('role')}</dt>
          <dd style={{ margin: 0 }}>{tc(`role.${viewer.role}`)}</dd>
          <dt>{t('delegation')}</dt>
          <dd style={{ margin: 0 }} data-testid="delegation">
            {viewer.state ? `${names.states[viewer.state]} (${viewer.state})` : t('noDelegation')}
          </dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="notifications" id="notifications-settings">
        <h2 id="notifications" style={{ marginTop: 0 }}>
          {tn('settings')}
        </h2>
        <p className="small muted">{tn('settingsExplain')}</p>
        <ClientMessages namespaces={['Notifications']}>
          <NotificationSettingsForm settings={settings} emailAvailable={Boolean(readEnv().SMTP_URL)} />
        </ClientMessages>
      </section>
      <section className="card stack" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" style={{ marginTop: 0 }}>
          {t('tokens')}
        </h2>
        <p className="small muted">{t('tokensExplain')}</p>
        {tokens.length === 0 ? <p className="empty">{t('noTokens')}</p> : null}
        <ul className="list-plain stack">
          {tokens.map((token) => (
            <li key={token.id} className="spread">
              <span>
                <strong>{token.name}</strong>{' '}
                <span className="small muted">
                  {[
                    t('created', { when: day(token.createdAt) }),
                    token.lastUsedAt ? t('lastUsed', { when: day(token.lastUsedAt) }) : t('neverUsed'),
                    token.expiresAt
                      ? t(token.expiresAt > new Date().toISOString() ? 'expires' : 'expired', { when: day(token.expiresAt) })
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
              <form action={revokeTokenAction.bind(null, token.id)}>
                <button className="button button-danger" type="submit">
                  {t('revoke')}
                </button>
              </form>
            </li>
          ))}
        </ul>
        <ClientMessages namespaces={['Profile']}>
          <CreateTokenForm />
        </ClientMessages>
      </section>
    </div>
  );
}
