import { diffWords } from 'diff';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ActorName } from '@/components/actor-name';
import type { VersionView } from '@/lib/services/initiatives/versions';

/**
 * The initiative's texts, newest first, and a word-level comparison of any two (a GET form: the
 * choice lives in the URL). Insertions and deletions are marked by more than colour: underline or
 * strike-through, and words for screen readers.
 */
export async function TextVersions({ versions, from, to }: { versions: VersionView[]; from: number; to: number }) {
  const t = await getTranslations('Initiative');
  const format = await getFormatter();
  const older = versions.find((v) => v.version === from);
  const newer = versions.find((v) => v.version === to);
  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      {t('versionItem', { version: v.version })}
    </option>
  ));
  return (
    <section aria-labelledby="versions-heading" className="stack" data-testid="versions">
      <h2 id="versions-heading">{t('versions')}</h2>
      <ol className="list-plain small stack-tight">
        {versions.map((v) => (
          <li key={v.version}>
            <strong>{t('versionItem', { version: v.version })}</strong> · {v.title} ·{' '}
            <span className="muted">
              {t('versionBy', { date: format.dateTime(new Date(v.createdAt), { dateStyle: 'medium', timeStyle: 'short' }) })}{' '}
              <ActorName actor={v.editedBy} />
            </span>
          </li>
        ))}
      </ol>
      {versions.length > 1 && older && newer ? (
        <>
          <form method="get" className="row small" aria-label={t('compare')}>
            <label>
              {t('compareFrom')}{' '}
              <select name="from" defaultValue={from}>
                {options}
              </select>
            </label>
            <label>
              {t('compareTo')}{' '}
              <select name="to" defaultValue={to}>
                {options}
              </select>
            </label>
            <button className="button button-secondary" type="submit">
              {t('compare')}
            </button>
          </form>
          <div className="card stack diff" data-testid="diff">
            {older.title === newer.title && older.summary === newer.summary ? <p className="muted">{t('sameText')}</p> : null}
            <p>
              <strong>{t('diffTitle')}:</strong> <WordDiff before={older.title} after={newer.title} labels={t} />
            </p>
            <p className="diff-summary">
              <strong>{t('diffSummary')}:</strong> <WordDiff before={older.summary} after={newer.summary} labels={t} />
            </p>
          </div>
        </>
      ) : null}
    </section>
  );
}

function WordDiff({ before, after, labels }: { before: string; after: string; labels: (key: 'inserted' | 'deleted') => string }) {
  return (
    <span>
      {diffWords(before, after).map((part, i) =>
        part.added ? (
          <ins key={i}>
            <span className="vh">{labels('inserted')} </span>
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={i}>
            <span className="vh">{labels('deleted')} </span>
            {part.value}
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </span>
  );
}
