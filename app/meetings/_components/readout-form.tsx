'use client';

import { useTranslations } from 'next-intl';
import { FormError, FormField } from '@/components/form-field';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { draftReadoutAction } from '../actions';

/** The chair's draft: Markdown, sent with the version it was written on (a readout changed meanwhile is refused). */
export function ReadoutForm({ meetingId, body, version, chatham }: { meetingId: number; body: string; version: number; chatham: boolean }) {
  const t = useTranslations('Meetings');
  const tc = useTranslations('Common');
  const { state, pending, formProps } = useFormAction(draftReadoutAction.bind(null, meetingId), null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  return (
    <form className="form" method="post" noValidate {...formProps} data-testid="readout-form">
      <FormError message={state && !state.ok && state.code !== 'invalid' ? state.message : null} />
      <input type="hidden" name="version" value={version} />
      <FormField
        id="readout-body"
        label={version ? t('editReadout') : t('draftReadout')}
        hint={`${tc('markdownHint')} ${version ? t('editResets') : ''} ${chatham ? t('chathamReadout') : ''}`.trim()}
        error={fields.body ?? fields.version}
      >
        {(props) => <textarea {...props} name="body" rows={8} maxLength={20000} defaultValue={body} key={version} />}
      </FormField>
      <div>
        <SubmitButton pending={pending} className="button">
          {version ? t('saveReadout') : t('submitReadout')}
        </SubmitButton>
        {state?.ok ? (
          <span role="status" className="small">
            {' '}
            {t('readoutSaved')}
          </span>
        ) : null}
      </div>
    </form>
  );
}
