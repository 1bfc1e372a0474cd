'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormError, FormField } from '@/components/form-field';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { breakSilenceAction, startSilenceAction } from '../../actions';

/** A facilitator puts the text to silence until a deadline, picked in their own time zone. */
export function StartSilenceForm({ initiativeId }: { initiativeId: number }) {
  const t = useTranslations('Initiative');
  const [local, setLocal] = useState('');
  const { state, pending, formProps } = useFormAction(startSilenceAction.bind(null, initiativeId), null, (form) => {
    // The picker gives a time without a zone: it is the facilitator's, sent as an instant.
    if (local) form.set('deadline', new Date(local).toISOString());
  });
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  return (
    <form className="form" method="post" {...formProps} data-testid="start-silence">
      <FormError message={state && !state.ok && state.code !== 'invalid' ? state.message : null} />
      <p className="small">{t('silenceExplain')}</p>
      <FormField id="silence-deadline" label={t('silenceDeadline')} error={fields.deadline}>
        {(props) => (
          <input
            {...props}
            name="deadline"
            type="datetime-local"
            value={local}
            onChange={(e) => setLocal(e.currentTarget.value)}
            required
          />
        )}
      </FormField>
      <div>
        <SubmitButton pending={pending} className="button">
          {t('silenceStart')}
        </SubmitButton>
      </div>
    </form>
  );
}

/** A delegate of a state asked for silence breaks it, giving the reason. */
export function BreakSilenceForm({ initiativeId, stateName }: { initiativeId: number; stateName: string }) {
  const t = useTranslations('Initiative');
  const { state, pending, formProps } = useFormAction(breakSilenceAction.bind(null, initiativeId), null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  return (
    <form className="form" method="post" {...formProps} data-testid="break-silence">
      <FormError message={state && !state.ok && state.code !== 'invalid' ? state.message : null} />
      <FormField id="silence-note" label={t('silenceBreakReason')} error={fields.note}>
        {(props) => <textarea {...props} name="note" maxLength={1000} required rows={2} />}
      </FormField>
      <div>
        <SubmitButton pending={pending} className="button button-danger">
          {t('silenceBreak', { state: stateName })}
        </SubmitButton>
      </div>
    </form>
  );
}
