'use client';

import { useTranslations } from 'next-intl';
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
      {result?.ok ? (
        <p className="alert alert-ok small" role="status">
          {t('stanceSaved')}
        </p>
      ) : null}
    </form>
  );
}
