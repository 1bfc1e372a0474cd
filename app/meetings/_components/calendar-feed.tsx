'use client';

import { useTranslations } from 'next-intl';
import { FormError } from '@/components/form-field';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { resetCalendarAction } from '../actions';

/** The personal feed address to paste into a calendar program, and a way to retire it. */
export function CalendarFeed({ url }: { url: string }) {
  const t = useTranslations('Meetings');
  const { state, pending, formProps } = useFormAction(resetCalendarAction, null);
  const current = state?.ok ? state.data.url : url;
  return (
    <section className="card stack-tight" aria-labelledby="feed-heading">
      <h2 id="feed-heading" style={{ marginTop: 0 }}>
        {t('subscribe')}
      </h2>
      <div className="field">
        <label htmlFor="feed-url">{t('feedUrl')}</label>
        <span className="hint" id="feed-url-hint">
          {t('feedHint')}
        </span>
        <input
          id="feed-url"
          type="text"
          readOnly
          value={current}
          aria-describedby="feed-url-hint"
          onFocus={(e) => e.currentTarget.select()}
          data-testid="feed-url"
        />
      </div>
      <form method="post" {...formProps}>
        <FormError message={state && !state.ok ? state.message : null} />
        <SubmitButton pending={pending} className="button button-secondary">
          {t('newFeedUrl')}
        </SubmitButton>
        <p className="hint">{t('newFeedUrlHint')}</p>
        {state?.ok ? (
          <p role="status" className="small">
            {t('feedRenewed')}
          </p>
        ) : null}
      </form>
    </section>
  );
}
