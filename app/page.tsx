import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getViewer } from '@/lib/auth/current';

export default async function HomePage() {
  const t = await getTranslations('Home');
  const viewer = await getViewer();
  return (
    <div className="stack">
      <section className="hero">
        <h1>{t('title')}</h1>
        <p>{t('lead')}</p>
        <div className="row">
          {viewer ? (
            <>
              <Link className="button" href="/rooms">
                {t('goToRooms')}
              </Link>
              <Link className="button button-secondary" href="/dashboard">
                {t('goToDashboard')}
              </Link>
            </>
          ) : (
            <>
              <Link className="button" href="/signin">
                {t('signIn')}
              </Link>
              <Link className="button button-secondary" href="/register">
                {t('register')}
              </Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="principles">
        <h2 id="principles">{t('principlesTitle')}</h2>
        <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(15rem, 1fr))' }}>
          {(['issueByIssue', 'variableGeometry', 'stepAside', 'nonState'] as const).map((key) => (
            <article key={key} className="card">
              <h3>{t(`principles.${key}.title`)}</h3>
              <p className="muted small">{t(`principles.${key}.text`)}</p>
            </article>
          ))}
        </div>
      </section>
    </div>
  );
}
