'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormError } from '@/components/form-field';
import { StanceMark } from '@/components/stance-mark';
import { useFormAction } from '@/components/use-form-action';
import { POSITIONS } from '@/lib/consensus/codes';
import type { StanceView } from '@/lib/services/initiatives/serialize-initiative';
import { setStanceAction } from '../../actions';
import { SubmitButton } from '@/components/submit-button';

export function StanceForm({ initiativeId, state, current }: { initiativeId: number; state: string; current: StanceView }) {
  const t = useTranslations('Initiative');
  const { state: result, pending, formProps } = useFormAction(setStanceAction.bind(null, initiativeId, state), null);
  const fields = result && !result.ok ? (result.fields ?? {}) : {};
  // Each answer counts once (state adjusted while rendering, as React advises over an effect).
  const [answered, setAnswered] = useState(result);
  const [saves, setSaves] = useState(0);
  if (result !== answered) {
    setAnswered(result);
    if (result?.ok) setSaves(saves + 1);
  }
  return (
    <form className="form" method="post" {...formProps} data-testid="stance-form">
      <FormError message={result && !result.ok && result.code !== 'invalid' ? result.message : null} />
      <fieldset className="field">
        <legend>{t('position')}</legend>
        {POSITIONS.map((position) => (
          <label key={position} className="radio-option">
            <input type="radio" name="position" value={position} defaultChecked={current.position === position} />
            <span>
              <StanceMark position={position} />
              <span className="small muted option-hint">{t(`positionExplain.${position}`)}</span>
            </span>
          </label>
        ))}
        {fields.position ? <span className="error">{fields.position}</span> : null}
      </fieldset>
      <div className="field">
        <label htmlFor="stance-note">{t('noteLabel')}</label>
        <textarea
          id="stance-note"
          name="note"
          defaultValue={current.note ?? ''}
          maxLength={1000}
          aria-invalid={fields.note ? true : undefined}
        />
        {fields.note ? <span className="error">{fields.note}</span> : null}
      </div>
      <p className="small muted">{t('noCommitment')}</p>
      <div>
        <SubmitButton pending={pending} className="button" data-testid="save-stance">
          {t('saveStance')}
        </SubmitButton>
      </div>
      {/* Always in the page, so a screen reader hears each save: a new line for every one. */}
      <div role="status" data-testid="stance-saved">
        {result?.ok ? (
          <p key={saves} className="alert alert-ok small">
            {t('stanceSaved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}
